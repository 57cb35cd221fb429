"""Many children under one area, written in bulk (area_create per row would take minutes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from shapely.geometry.base import BaseGeometry

from mahalla.places.models import Area, AreaLevel
from mahalla.places.services import apply_geometry, prepare_area


def add_children(
    parent: Area,
    level: AreaLevel,
    names: Iterable[dict],
    geometry: Callable[[int], BaseGeometry | None] = lambda index: None,
) -> list[Area]:
    """Create one child of `parent` per dict of fields (name_fa, code, registration…)."""
    children = []
    for index, fields in enumerate(names):
        child = Area(parent=parent, level=level, path="/", **fields)
        apply_geometry(child, geometry(index))
        prepare_area(child)
        children.append(child)
    Area.objects.bulk_create(children, batch_size=500)
    Area.objects.filter(parent=parent, path="/").update(
        path=Concat(Value(parent.path), Cast("pk", CharField()), Value("/"))
    )
    for child in children:
        child.path = f"{parent.path}{child.pk}/"
    return children
