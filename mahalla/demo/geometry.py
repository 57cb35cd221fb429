"""Synthetic shapes for the demo: tiled districts, small community blobs, round hulls.

Everything here is deterministic (seeded by names), so running the demo twice draws exactly
the same shapes and the second run changes nothing.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence

import shapely
from shapely.geometry import MultiPoint, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

LonLat = tuple[float, float]

# About 0.1 m at these latitudes: small GeoJSON, and shared edges stay shared after rounding.
GRID = 1e-6


def tidy(geom: BaseGeometry) -> BaseGeometry:
    tidy = shapely.set_precision(geom, GRID)
    return tidy if tidy.is_valid else shapely.make_valid(tidy)


def voronoi_cells(seeds: Mapping[str, LonLat], clip: Polygon) -> dict[str, BaseGeometry]:
    """One cell per seed, clipped to `clip`; together the cells cover `clip` without gaps."""
    keys = list(seeds)
    points = MultiPoint([seeds[key] for key in keys])
    frame = box(*clip.buffer(1.0).bounds)
    cells = shapely.voronoi_polygons(points, extend_to=frame, ordered=True)
    result = {}
    for key, cell in zip(keys, cells.geoms, strict=True):
        if not cell.contains(Point(seeds[key])):
            raise ValueError(f"Voronoi cell does not contain its seed {key}")
        result[key] = tidy(shapely.intersection(cell, clip, grid_size=GRID))
    return result


def union(parts: Iterable[BaseGeometry]) -> BaseGeometry:
    """The outline of `parts` on the same grid, so that each part lies exactly inside it."""
    return tidy(shapely.union_all(list(parts), grid_size=GRID))


def blob(center: LonLat, radius: float, *, seed: str, sides: int = 9) -> Polygon:
    """An irregular, star-shaped (hence valid) polygon around `center`, like a drawn outline."""
    rng = random.Random(seed)  # noqa: S311 - shapes, not secrets
    start = rng.uniform(0, math.tau)
    ring = []
    for i in range(sides):
        angle = start + math.tau * i / sides
        r = radius * rng.uniform(0.72, 1.0)
        # Degrees of longitude shrink with latitude; keep the shape round on the ground.
        dx = r * math.cos(angle) / math.cos(math.radians(center[1]))
        ring.append((center[0] + dx, center[1] + r * math.sin(angle)))
    return tidy(Polygon(ring))


def _largest_part(geom: BaseGeometry) -> Polygon:
    if geom.geom_type == "Polygon":
        return geom
    return max(geom.geoms, key=lambda part: part.area)


def spots_inside(area: BaseGeometry, count: int, *, seed: str) -> tuple[list[LonLat], float]:
    """`count` well-spread points inside `area` and a radius for blobs around them.

    Points sit on a ring around the area's pole of inaccessibility at half its inner radius;
    blobs of the returned radius around them stay inside `area` and do not overlap.
    """
    part = _largest_part(area)
    pole = polylabel(part, tolerance=1e-5)
    inner = part.exterior.distance(pole)
    for hole in part.interiors:
        inner = min(inner, hole.distance(pole))
    # Widths of a degree differ east-west; blob() stretches by 1/cos(lat), so allow for it.
    stretch = 1 / math.cos(math.radians(pole.y))
    ring = inner * 0.5 / stretch
    radius = min(0.0025, ring * (0.25 if count > 1 else 0.5))
    start = random.Random(seed).uniform(0, math.tau)  # noqa: S311
    spots = []
    for i in range(count):
        angle = start + math.tau * i / max(count, 1)
        spots.append((pole.x + ring * math.cos(angle), pole.y + ring * math.sin(angle)))
    return spots, radius


def round_hull(points: Sequence[LonLat], margin: float) -> Polygon:
    """The convex hull of `points` grown by `margin` degrees: an outline that holds them all."""
    return tidy(MultiPoint(list(points)).convex_hull.buffer(margin, quad_segs=4))


def outline(coords: Sequence[LonLat], *, holding: BaseGeometry | None = None) -> BaseGeometry:
    """A hand-drawn outline, grown where needed so that it holds `holding`."""
    shape = Polygon(coords)
    if holding is not None:
        shape = shape.union(holding.buffer(0.02, quad_segs=2))
    return tidy(shape)


def point(coords: LonLat) -> Point:
    return Point(round(coords[0], 6), round(coords[1], 6))
