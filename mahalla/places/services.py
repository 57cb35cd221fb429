"""Writes to the area tree. Every change goes through here so `path`, `depth`, bbox,
centroid and search text stay consistent, and history records why."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from shapely.geometry.base import BaseGeometry

from mahalla.core.i18n.text import normalize_search
from mahalla.places.geometry import to_stored
from mahalla.places.models import Area, AreaLevel


def _search_text(area: Area) -> str:
    return normalize_search(
        " ".join(filter(None, [area.name_en, area.name_th, area.name_fa, area.code]))
    )


def apply_geometry(area: Area, geom: BaseGeometry | None, *, synthetic: bool = False) -> None:
    """Set geometry columns on an unsaved or saved area (does not save)."""
    if geom is None or geom.is_empty:
        area.geometry = None
        area.geometry_kind = ""
        area.min_x = area.min_y = area.max_x = area.max_y = None
        area.centroid_x = area.centroid_y = None
        area.geometry_is_synthetic = False
        return
    stored = to_stored(geom)
    area.geometry = stored.geojson
    area.geometry_kind = stored.kind
    area.min_x, area.min_y, area.max_x, area.max_y = stored.bbox
    area.centroid_x, area.centroid_y = stored.centroid
    area.geometry_is_synthetic = synthetic


def prepare_area(area: Area) -> None:
    """Fill derived fields that do not need the area's own id."""
    area.search_text = _search_text(area)
    area.depth = (area.parent.depth + 1) if area.parent_id else 0


@transaction.atomic
def area_create(
    *,
    level: AreaLevel,
    parent: Area | None = None,
    code: str = "",
    name_en: str = "",
    name_th: str = "",
    name_fa: str = "",
    registration: str = "",
    geometry: BaseGeometry | None = None,
    synthetic_geometry: bool = False,
    reason: str = "",
    **extra: Any,
) -> Area:
    area = Area(
        level=level,
        parent=parent,
        code=code,
        name_en=name_en,
        name_th=name_th,
        name_fa=name_fa,
        registration=registration,
        path="/",
        **extra,
    )
    apply_geometry(area, geometry, synthetic=synthetic_geometry)
    prepare_area(area)
    area.full_clean(exclude=["path"])
    area._change_reason = reason or "created"
    area.save()
    # The path needs the id, so it is written in a second step inside the transaction.
    area.path = f"{parent.path if parent else '/'}{area.pk}/"
    Area.objects.filter(pk=area.pk).update(path=area.path)
    return area


@transaction.atomic
def area_update(*, area: Area, reason: str = "", **fields: Any) -> Area:
    geometry = fields.pop("geometry", ...)
    synthetic = fields.pop("synthetic_geometry", False)
    for name, value in fields.items():
        setattr(area, name, value)
    if geometry is not ...:
        apply_geometry(area, geometry, synthetic=synthetic)
    prepare_area(area)
    area.full_clean()
    area._change_reason = reason or "updated"
    area.save()
    return area


def area_level_get_or_create(
    *,
    code: str,
    rank: int,
    name_en: str,
    name_th: str = "",
    name_fa: str = "",
    is_community: bool = False,
) -> AreaLevel:
    level, _created = AreaLevel.objects.get_or_create(
        code=code,
        defaults={
            "rank": rank,
            "name_en": name_en,
            "name_th": name_th,
            "name_fa": name_fa,
            "is_community": is_community,
        },
    )
    return level
