"""The map data of one area: GeoJSON bounded in features and bytes whatever the data size.

An area may hold thousands of children (or a million points from one upload). The map
gets at most `MAP_MAX_FEATURES` features, the largest first, with geometries simplified
to about a pixel of the area's extent on a phone-sized map and coordinates rounded to 6
decimals (10 cm). The collection says how many places there are and how many it shows,
so the map can say that it shows only part of them (the table pages through all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.db.models import ExpressionWrapper, F, FloatField, Max, Min, Q
from django.utils.translation import ngettext
from shapely.geometry import mapping, shape

from mahalla.core.i18n.digits import format_number
from mahalla.places.models import Area
from mahalla.places.selectors import visible_areas

DEFAULT_MAX_FEATURES = 2000
# A map is about 1,000 px across: simplifying by 1/1,000 of the extent changes nothing
# visible at the zoom the map opens with.
PIXELS_ACROSS = 1000
DECIMALS = 6
_FIELDS = (
    "pk",
    "name_en",
    "name_th",
    "name_fa",
    "registration",
    "geometry",
    "geometry_kind",
    "geometry_is_synthetic",
    "min_x",
    "min_y",
    "max_x",
    "max_y",
    "level__name_en",
    "level__name_th",
    "level__name_fa",
)


def max_features() -> int:
    return int(getattr(settings, "MAP_MAX_FEATURES", DEFAULT_MAX_FEATURES))


def _round(geometry: Any) -> Any:
    return shapely.transform(geometry, lambda coords: np.round(coords, DECIMALS))


def simplify_for_map(geometry: dict, tolerance: float) -> tuple[dict, list[float] | None]:
    """The GeoJSON geometry simplified by `tolerance` and rounded, and a label point.

    The label point lies inside the shape (a centroid may fall outside a crescent); points
    have none, they label themselves.
    """
    shapes = shape(geometry)
    if shapes.geom_type in ("Point", "MultiPoint"):
        return mapping(_round(shapes)), None
    if tolerance > 0:
        simpler = shapely.simplify(shapes, tolerance, preserve_topology=True)
        if not simpler.is_empty:
            shapes = simpler
    label = shapes.point_on_surface()
    return mapping(_round(shapes)), [round(label.x, DECIMALS), round(label.y, DECIMALS)]


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


def _feature(area: Area, role: str, url: str, tolerance: float) -> dict:
    geometry, label = simplify_for_map(area.geometry, tolerance)
    properties = {
        "id": area.pk,
        "name": area.name,
        "level": area.level.name,
        "registration": area.registration,
        "synthetic": area.geometry_is_synthetic,
        "role": role,
        "url": url,
    }
    if label is not None:
        properties["label"] = label
    return {"type": "Feature", "id": area.pk, "geometry": geometry, "properties": properties}


def _notice(shown: int, total: int) -> str:
    if shown >= total:
        return ""
    return ngettext(
        "The map shows the %(shown)s largest of %(total)s place; the table lists them all.",
        "The map shows the %(shown)s largest of %(total)s places; the table lists them all.",
        total,
    ) % {"shown": format_number(shown), "total": format_number(total)}


def area_feature_collection(*, user: Any, area: Area, url_for: Callable[[Area], str]) -> dict:
    """The area and (at most `MAP_MAX_FEATURES` - 1 of) its children, for the map."""
    children = visible_areas(user=user).filter(parent=area).exclude(geometry_kind="")
    total = children.count()
    size = ExpressionWrapper(
        (F("max_x") - F("min_x")) * (F("max_y") - F("min_y")), output_field=FloatField()
    )
    limit = max(0, max_features() - 1)
    chosen = (
        children.filter(~Q(geometry=None))
        .select_related("level")
        .only(*_FIELDS)
        .order_by(size.desc(nulls_last=True), "pk")[:limit]
    )
    tolerance = _tolerance(area, children)
    features = []
    if area.geometry:
        features.append(_feature(area, "area", url_for(area), tolerance))
    features += [_feature(child, "child", url_for(child), tolerance) for child in chosen]
    shown = len(features) - (1 if area.geometry else 0)
    return {
        "type": "FeatureCollection",
        "features": features,
        # Foreign members (RFC 7946 §6.1): what the map needs to say it is not all.
        "total": total,
        "shown": shown,
        "truncated": shown < total,
        "notice": _notice(shown, total),
    }
