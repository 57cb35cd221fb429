"""A map of a district's communities as SVG, drawn from their stored outlines: no base-map
server, no tiles, so the report can be made offline and reads the same in ten years.

Coordinates are longitude/latitude (EPSG:4326). At the size of a district an equirectangular
projection scaled by cos(latitude) keeps shapes true enough to recognise; outlines are
simplified to about a pixel, so 200 communities stay a small file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from shapely import geometry as geom
from shapely.geometry.base import BaseGeometry

WIDTH, HEIGHT, MARGIN = 640.0, 440.0, 12.0
OTHER = "#9aa5b1"
# Tenure situation codes of the value list, from secure to none; colour-blind safe (Okabe-Ito).
COLOURS = {
    "title": "#009e73",
    "lease": "#0072b2",
    "permit": "#e69f00",
    "none": "#d55e00",
}


LABEL_W, LABEL_H = 22.0, 12.0  # px a number's label takes (three digits at 12 px)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Feature:
    number: int
    geometry: dict | None
    key: str  # the colour's code (tenure situation), "" when not surveyed


def _shape(data: dict | None) -> BaseGeometry | None:
    if not data:
        return None
    try:
        shape = geom.shape(data)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return None if shape.is_empty else shape


class _Projection:
    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        min_x, min_y, max_x, max_y = bounds
        self.k = math.cos(math.radians((min_y + max_y) / 2)) or 1.0
        span_x = max((max_x - min_x) * self.k, 1e-9)
        span_y = max(max_y - min_y, 1e-9)
        self.scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
        self.min_x, self.max_y = min_x, max_y
        self.off_x = (WIDTH - span_x * self.scale) / 2
        self.off_y = (HEIGHT - span_y * self.scale) / 2

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.off_x + (x - self.min_x) * self.k * self.scale,
            self.off_y + (self.max_y - y) * self.scale,
        )

    @property
    def pixel(self) -> float:
        """One pixel in degrees, for simplifying outlines."""
        return 1.0 / self.scale


def _ring(coords: Any, project: _Projection) -> str:
    points = [project(x, y) for x, y, *_z in coords]
    if len(points) < 3:
        return ""
    head, *rest = points
    return f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z"


def _path(shape: BaseGeometry, project: _Projection) -> str:
    polygons = getattr(shape, "geoms", [shape])
    parts = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        parts.append(_ring(polygon.exterior.coords, project))
        parts += [_ring(ring.coords, project) for ring in polygon.interiors]
    return "".join(parts)


def district_map(
    boundary: dict | None, features: list[Feature], digits: Any = str, colours=COLOURS
) -> str:
    """The SVG of the district's outline and its communities, each filled by its key's colour
    and labelled with its number in the report's community list (in the reader's digits)."""
    outline = _shape(boundary)
    shapes = [(f, _shape(f.geometry)) for f in features]
    drawn = [s for _f, s in shapes if s is not None]
    if outline is None and not drawn:
        return ""
    bounds_of = [s.bounds for s in ([outline] if outline is not None else []) + drawn]
    bounds = (
        min(b[0] for b in bounds_of),
        min(b[1] for b in bounds_of),
        max(b[2] for b in bounds_of),
        max(b[3] for b in bounds_of),
    )
    project = _Projection(bounds)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'width="{WIDTH:.0f}" height="{HEIGHT:.0f}" class="district-map">',
        f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="#f4f6f8"/>',
    ]
    if outline is not None and outline.geom_type in ("Polygon", "MultiPolygon"):
        d = _path(outline.simplify(project.pixel), project)
        out.append(f'<path d="{d}" fill="#ffffff" stroke="#52606d" stroke-width="1.5"/>')
    labels: list[str] = []
    placed: list[tuple[float, float, float, float]] = []
    for feature, shape in shapes:
        if shape is None:
            continue
        colour = colours.get(feature.key, OTHER)
        if shape.geom_type in ("Polygon", "MultiPolygon"):
            d = _path(shape.simplify(project.pixel / 2), project)
            out.append(
                f'<path d="{d}" fill="{colour}" fill-opacity="0.75" stroke="#1f2933" '
                'stroke-width="0.6"/>'
            )
            anchor = shape.representative_point()
        else:
            anchor = shape.centroid
            x, y = project(anchor.x, anchor.y)
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}" stroke="#1f2933" '
                'stroke-width="0.8"/>'
            )
        x, y = project(anchor.x, anchor.y)
        box = (x - LABEL_W / 2, y - 7 - LABEL_H, x + LABEL_W / 2, y - 7)
        # A label that would cover one already placed is left out: with hundreds of small
        # communities the numbers would otherwise be an unreadable heap. The list still
        # carries every number; the map shows those it has room for.
        if any(_overlap(box, other) for other in placed):
            continue
        placed.append(box)
        labels.append(
            f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" font-size="12" '
            f'font-weight="700" fill="#1f2933">{digits(feature.number)}</text>'
        )
    out += labels
    out.append("</svg>")
    return "".join(out)
