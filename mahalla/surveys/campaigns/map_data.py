"""The choropleth's data: one level of a campaign's areas as GeoJSON with their progress.

The geometries are simplified and rounded by places' `simplified_geojson`, as on the area
map; each feature carries its figures and the URL of its own children's data, so a click
drills down without the page knowing the tree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from mahalla.core.i18n.digits import format_number
from mahalla.places.map_data import PIXELS_ACROSS, simplified_geojson
from mahalla.places.models import Area
from mahalla.surveys.campaigns.progress import LevelProgress


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _percent(ratio: float | None) -> str:
    return "" if ratio is None else format_number(round(ratio * 100)) + "%"


def progress_feature_collection(
    *,
    progress: LevelProgress,
    data_url: Callable[[int], str],
    page_url: Callable[[int], str],
    up_url: str = "",
) -> str:
    """GeoJSON text of `progress`'s children that have a geometry, and its parent's outline."""
    rows = {row.area.pk: row for row in progress.rows}
    parent = progress.parent.area
    ids = [parent.pk, *rows]
    shapes = dict(
        Area.objects.filter(pk__in=ids)
        .exclude(geometry=None)
        .annotate(text=Cast("geometry", TextField()))
        .values_list("pk", "text")
    )
    ordered = [pk for pk in ids if pk in shapes]
    bbox = parent.bbox
    tolerance = max(bbox[2] - bbox[0], bbox[3] - bbox[1]) / PIXELS_ACROSS if bbox else 0.0
    geometries, labels = simplified_geojson([shapes[pk] for pk in ordered], tolerance)
    features = []
    for pk, geometry, label in zip(ordered, geometries, labels, strict=True):
        if pk == parent.pk:
            row, role = progress.parent, "parent"
        else:
            row, role = rows[pk], "child"
        properties = {
            "id": pk,
            "name": row.area.name,
            "role": role,
            "received": row.received,
            "approved": row.approved,
            "expected": row.expected,
            # -1: nothing expected there (drawn grey, not as 0 %).
            "ratio": -1 if row.ratio is None else round(min(row.ratio, 1.0), 4),
            "percent": _percent(row.ratio),
            "received_text": format_number(row.received),
            "approved_text": format_number(row.approved),
            "expected_text": format_number(row.expected),
            "drill": data_url(pk) if role == "child" and row.has_children else "",
            "url": page_url(pk),
        }
        if label is not None:
            properties["label"] = label
        features.append(
            f'{{"type":"Feature","id":{pk},"geometry":{geometry},"properties":{_dumps(properties)}}}'
        )
    head = _dumps(
        {
            "type": "FeatureCollection",
            "area": {"id": parent.pk, "name": parent.name},
            "up": up_url,
        }
    )[:-1]
    return f'{head},"features":[{",".join(features)}]}}'
