"""The map data of one area: GeoJSON bounded in features and bytes whatever the data size.

An area may hold thousands of children (or a million points from one upload). The map
gets at most `MAP_MAX_FEATURES` features, the largest first, with geometries simplified
to about a pixel of the area's extent on a phone-sized map and coordinates rounded to 6
decimals (10 cm). The collection says how many places there are and how many it shows,
so the map can say that it shows only part of them (the table pages through all).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.db.models import ExpressionWrapper, F, FloatField, Max, Min, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import ngettext

from mahalla.core.db import localized_name
from mahalla.core.i18n.digits import format_number
from mahalla.places.models import Area
from mahalla.places.selectors import visible_areas

DEFAULT_MAX_FEATURES = 2000
# A map is about 1,000 px across: simplifying by 1/1,000 of the extent changes nothing
# visible at the zoom the map opens with.
PIXELS_ACROSS = 1000
DECIMALS = 6
_COLUMNS = ("pk", "map_name", "map_level", "registration", "geometry_is_synthetic", "map_geometry")


def max_features() -> int:
    return int(getattr(settings, "MAP_MAX_FEATURES", DEFAULT_MAX_FEATURES))


def simplified_geojson(geometries: list[str], tolerance: float) -> tuple[list[str], list]:
    """GeoJSON texts `geometries` simplified by `tolerance` and rounded, and label points
    (inside each polygon, where a centroid may fall outside a crescent; None for points,
    which label themselves). Vectorised: one shapely call per step for all, and the text
    is parsed by GEOS, not by Python's json (which took most of the time)."""
    if not geometries:
        return [], []
    shapes = shapely.from_geojson(np.array(geometries, dtype=object))
    polygonal = np.isin(shapely.get_type_id(shapes), (3, 6))  # Polygon, MultiPolygon
    if tolerance > 0:
        simpler = shapely.simplify(shapes, tolerance, preserve_topology=True)
        keep = polygonal & ~shapely.is_empty(simpler)
        shapes = np.where(keep, simpler, shapes)
    labels = shapely.point_on_surface(shapes)
    rounded = shapely.transform(shapes, lambda coords: np.round(coords, DECIMALS))
    label_xy = np.round(shapely.get_coordinates(labels), DECIMALS).tolist()
    points = [None if not poly else xy for poly, xy in zip(polygonal, label_xy, strict=True)]
    return list(shapely.to_geojson(rounded)), points


def _tolerance(area: Area, children: Any) -> float:
    bbox = area.bbox
    if bbox is None:
        extent = children.aggregate(
            min_x=Min("min_x"), min_y=Min("min_y"), max_x=Max("max_x"), max_y=Max("max_y")
        )
        if extent["min_x"] is None:
            return 0.0
        bbox = (extent["min_x"], extent["min_y"], extent["max_x"], extent["max_y"])
    return max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / PIXELS_ACROSS


def _notice(shown: int, total: int) -> str:
    if shown >= total:
        return ""
    return ngettext(
        "The map shows the %(shown)s largest of %(total)s place; the table lists them all.",
        "The map shows the %(shown)s largest of %(total)s places; the table lists them all.",
        total,
    ) % {"shown": format_number(shown), "total": format_number(total)}


def _rows(queryset: Any, limit: int | None = None) -> list[tuple]:
    """Only the columns the map shows, names already localized in SQL."""
    named = queryset.annotate(
        map_name=localized_name(),
        map_level=localized_name("level__"),
        map_geometry=Cast("geometry", TextField()),
    )
    return list(named.values_list(*_COLUMNS)[:limit])


def area_feature_collection(
    *, user: Any, area: Area, url_for: Callable[[int], str], limit: int | None = None
) -> str:
    """The area and (at most `limit` - 1 of, by default `MAP_MAX_FEATURES` - 1) its children
    as GeoJSON text.

    Text, not a dict: the geometries come out of shapely as GeoJSON already, and parsing
    them back only to serialise them again would cost more than everything else.
    `url_for(pk)` gives a place's page.
    """
    children = visible_areas(user=user).filter(parent=area).exclude(geometry_kind="")
    total = children.count()
    size = ExpressionWrapper(
        (F("max_x") - F("min_x")) * (F("max_y") - F("min_y")), output_field=FloatField()
    )
    limit = max(0, (max_features() if limit is None else limit) - 1)
    chosen = children.filter(~Q(geometry=None)).order_by(size.desc(nulls_last=True), "pk")
    own = _rows(Area.objects.filter(pk=area.pk).exclude(geometry_kind=""))
    rows = [(row, "area") for row in own] + [(row, "child") for row in _rows(chosen, limit)]
    geometries, labels = simplified_geojson([row[5] for row, _ in rows], _tolerance(area, children))
    features = []
    for (row, role), geometry, label in zip(rows, geometries, labels, strict=True):
        pk, name, level, registration, synthetic, _geometry = row
        properties = {
            "id": pk,
            "name": name,
            "level": level,
            "registration": registration,
            "synthetic": synthetic,
            "role": role,
            "url": url_for(pk),
        }
        if label is not None:
            properties["label"] = label
        features.append(
            f'{{"type":"Feature","id":{pk},"geometry":{geometry},"properties":{_dumps(properties)}}}'
        )
    shown = len(features) - len(own)
    # Foreign members (RFC 7946 §6.1): what the map needs to say it is not all.
    members = {"total": total, "shown": shown, "truncated": shown < total}
    members["notice"] = _notice(shown, total)
    head = _dumps({"type": "FeatureCollection", **members})[:-1]
    return f'{head},"features":[{",".join(features)}]}}'


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
