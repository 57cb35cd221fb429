"""Reads of the area tree for the pages. Every queryset goes through the scoping function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Replace

from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area, BoundaryImport


def _count(queryset: QuerySet) -> Subquery:
    """A correlated COUNT(*) subquery, so counts cost no extra query per row."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(queryset: QuerySet) -> QuerySet:
    """Annotate `child_count` and `descendant_count` (every area beneath, at any depth)."""
    children = Area.objects.filter(parent=OuterRef("pk"))
    # The materialised path makes "everything beneath" a single prefix match.
    descendants = Area.objects.filter(path__startswith=OuterRef("path")).exclude(pk=OuterRef("pk"))
    return queryset.annotate(child_count=_count(children), descendant_count=_count(descendants))


def visible_areas(*, user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_AREA, Area.objects.all())


def area_search(*, user: Any, q: str = "", level: Any = None, registration: str = "") -> QuerySet:
    """Areas in the user's scope whose names or code contain every word of `q`.

    Search text and query are folded by `normalize_search` (Arabic/Persian letter variants,
    ZWNJ, case, marks). Spaces are ignored on both sides too, because Thai is written
    without spaces between words and people type them inconsistently.
    """
    areas = visible_areas(user=user).select_related("level", "parent")
    words = normalize_search(q).split()
    if words:
        areas = areas.annotate(
            _packed=Replace("search_text", Value(" "), Value(""), output_field=TextField())
        )
        for word in words:
            areas = areas.filter(_packed__contains=word)
    if level is not None:
        areas = areas.filter(level=level)
    if registration:
        areas = areas.filter(registration=registration)
    return areas.order_by("level__rank", "depth", "name_en", "name_th", "name_fa", "pk")


def sort_by_name(areas: list[Area], language: str) -> list[Area]:
    """Level by level, then by name in the language's collation (Thai and Persian order)."""
    from mahalla.core.i18n.collation import sorted_localized  # loads ICU only when sorting

    by_name = sorted_localized(areas, key=lambda area: area.name, language=language)
    return sorted(by_name, key=lambda area: area.level.rank)


def area_get(*, user: Any, pk: int) -> Area | None:
    return visible_areas(user=user).select_related("level", "parent").filter(pk=pk).first()


@dataclass(frozen=True)
class Crumb:
    area: Area
    linked: bool


def area_breadcrumb(*, user: Any, area: Area) -> list[Crumb]:
    """Ancestors from the root down. Names are shown even above the user's scope (they
    are the context of the place), but only areas in scope are links."""
    ids = area.ancestor_ids()
    if not ids:
        return []
    scope = user_scope(user, Perm.VIEW_AREA)
    ancestors = Area.objects.only("pk", "path", "name_en", "name_th", "name_fa").in_bulk(ids)
    return [
        Crumb(area=ancestors[pk], linked=scope.covers_path(ancestors[pk].path))
        for pk in ids
        if pk in ancestors
    ]


def area_children(*, user: Any, area: Area) -> QuerySet:
    children = visible_areas(user=user).filter(parent=area).select_related("level")
    return with_counts(children).order_by("level__rank", "name_en", "name_th", "name_fa", "pk")


def home_areas(*, user: Any) -> QuerySet:
    """The top areas of the user's scope: where their grants sit (roots for superusers)."""
    scope = user_scope(user, Perm.VIEW_AREA)
    if scope.everything:
        tops = Area.objects.filter(parent__isnull=True)
    else:
        tops = Area.objects.filter(path__in=scope.area_paths)
    areas = for_user(user, Perm.VIEW_AREA, tops).select_related("level")
    return with_counts(areas).order_by("level__rank", "name_en", "name_th", "name_fa", "pk")


def boundary_import_list(*, user: Any, area: Area, limit: int = 10) -> list[BoundaryImport]:
    imports = for_user(user, Perm.IMPORT_BOUNDARIES, BoundaryImport.objects.filter(parent=area))
    return list(imports.select_related("created_by", "level").order_by("-created_at")[:limit])


def boundary_import_get(*, user: Any, pk: int) -> BoundaryImport | None:
    imports = for_user(user, Perm.IMPORT_BOUNDARIES, BoundaryImport.objects.all())
    return imports.select_related("parent__level", "level", "created_by").filter(pk=pk).first()


def _feature(area: Area, role: str, url: str) -> dict | None:
    if not area.geometry:
        return None
    return {
        "type": "Feature",
        "id": area.pk,
        "geometry": area.geometry,
        "properties": {
            "id": area.pk,
            "name": area.name,
            "level": area.level.name,
            "registration": area.registration,
            "synthetic": area.geometry_is_synthetic,
            "role": role,
            "url": url,
        },
    }


def area_feature_collection(*, user: Any, area: Area, url_for: Any) -> dict:
    """The area and its children as GeoJSON for the map, with only what the map needs."""
    children = visible_areas(user=user).filter(parent=area).select_related("level")
    features = [_feature(area, "area", url_for(area))]
    features += [_feature(child, "child", url_for(child)) for child in children]
    kept = [f for f in features if f is not None]
    return {"type": "FeatureCollection", "features": kept}
