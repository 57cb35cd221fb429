"""The dashboard's map: the area's outline and its children (districts of a city, communities
of a district) with the figures a choropleth colours them by, as GeoJSON.

Shares are computed here, where the counts are, so the map and the table never disagree.
Outlines are simplified to about a thousandth of the map's extent: a phone draws fifty
districts without downloading every vertex of their official boundaries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from shapely import geometry as geom
from shapely.geometry import mapping

from mahalla.places.models import Area
from mahalla.registry.indicators.compute import Indicators

DETAIL = 1500  # the simplified outline keeps details larger than extent / DETAIL


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _simplified(data: dict | None, tolerance: float) -> dict | None:
    if not data:
        return None
    try:
        shape = geom.shape(data)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if shape.is_empty:
        return None
    if shape.geom_type in ("Polygon", "MultiPolygon") and tolerance > 0:
        shape = shape.simplify(tolerance, preserve_topology=True)
    return mapping(shape)


def _tolerance(area: Area) -> float:
    if area.min_x is None or area.max_x is None:
        return 0.0
    return max(area.max_x - area.min_x, area.max_y - area.min_y) / DETAIL


def feature_collection(result: Indicators, url_for: Callable[[Area], str]) -> str:
    area = result.area
    tolerance = _tolerance(area)
    features: list[dict[str, Any]] = []
    outline = _simplified(area.geometry, tolerance)
    if outline is not None:
        features.append({"type": "Feature", "geometry": outline, "properties": {"role": "area"}})
    for child in result.by_child.values():
        shape = _simplified(child["area"].geometry, tolerance)
        if shape is None:
            continue
        measured = child["measured"]
        features.append(
            {
                "type": "Feature",
                "id": child["area"].pk,
                "geometry": shape,
                "properties": {
                    "role": "child",
                    "name": str(child["area"].name),
                    "url": url_for(child["area"]),
                    "communities": child["communities"],
                    "households": child["households"],
                    "people": child["people"],
                    "slum_share": _share(child["slum"], measured),
                    "no_tenure_share": _share(child["no_tenure"], child["communities"]),
                    "eviction_share": _share(child["eviction"], child["communities"]),
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
