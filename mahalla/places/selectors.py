"""Reads of the area tree for the pages. Every queryset goes through the scoping function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Replace
from django.db.models.lookups import GreaterThan, LessThan

from mahalla.core.db import Bytewise, collated_name
from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm, user_scope
from mahalla.places.models import Area, AreaLevel, BoundaryImport
from mahalla.places.page_rows import page_rows


def _count(queryset: QuerySet) -> Subquery:
    """A correlated COUNT(*) subquery, so counts cost no extra query per row."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _beneath(outer: str = "path") -> Q:
    """Areas whose path lies strictly beneath the outer row's path.

    A byte-order range (`p < path < p || '~'`: paths hold only digits and "/", both below
    "~") rather than LIKE, because a LIKE pattern taken from the outer row cannot use an
    index, while a range can (the bytewise path index of places migration 0004 on
    PostgreSQL, the plain path index on SQLite).
    """
    path = Bytewise(F("path"))
    upper = Func(OuterRef(outer), template="%(expressions)s || '~'", output_field=CharField())
    return Q(GreaterThan(path, Bytewise(OuterRef(outer)))) & Q(LessThan(path, Bytewise(upper)))


def with_counts(queryset: QuerySet) -> QuerySet:
    """Annotate `child_count` and `descendant_count` (every area beneath, at any depth).

    For bounded querysets only (one page, the home page's few areas): each row costs two
    indexed lookups.
    """
    children = Area.objects.filter(parent=OuterRef("pk"))
    descendants = Area.objects.filter(_beneath())
    return queryset.annotate(child_count=_count(children), descendant_count=_count(descendants))


def by_name(*fields: str) -> list:
    """Ordering: `fields` (e.g. the level's rank), then the name in the reader's collation
    (ICU, numeric ordering on), then the id so that pages never overlap."""
    return [*fields, collated_name(), "pk"]


def visible_areas(*, user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_AREA, Area.objects.all())


def _matching(areas: QuerySet, q: str) -> QuerySet:
    """Areas whose names or code contain every word of `q` (see `area_search`)."""
    words = normalize_search(q).split()
    if words:
        areas = areas.annotate(
            _packed=Replace("search_text", Value(" "), Value(""), output_field=TextField())
        )
        for word in words:
            areas = areas.filter(_packed__contains=word)
    return areas


def area_search(*, user: Any, q: str = "", level: Any = None, registration: str = "") -> QuerySet:
    """Areas in the user's scope whose names or code contain every word of `q`.

    Search text and query are folded by `normalize_search` (Arabic/Persian letter variants,
    ZWNJ, case, marks, digits). Spaces are ignored on both sides too, because Thai is
    written without spaces between words and people type them inconsistently. Ordered
    level by level, then by name in the reader's collation, in SQL so that pages agree.
    """
    areas = _matching(visible_areas(user=user).select_related("level", "parent"), q)
    if level is not None:
        areas = areas.filter(level=level)
    if registration:
        areas = areas.filter(registration=registration)
    return areas.order_by(*by_name("level__rank", "depth"))


_HEAVY = ("geometry", "search_text")  # columns the area page never shows
_NAMES = ("name_en", "name_th", "name_fa")


def area_get(*, user: Any, pk: int) -> Area | None:
    """The area `pk` if the user may see it, with its level and parent (with its level, the
    end of the breadcrumb), and
    `accepts_children`: whether some level lies below its own (nothing can be added beneath
    the lowest one, a community usually). Geometries are left in the database: a surveyed
    boundary can weigh megabytes, and `geometry_kind` tells whether there is one.

    Read by id, then checked with `has_perm`: the Area scope rule decides on the loaded
    path as its SQL filter would, without that filter's cost."""
    deeper = AreaLevel.objects.filter(rank__gt=OuterRef("level__rank"))
    areas = (
        Area.objects.select_related("level", "parent__level")
        .defer(*_HEAVY, *(f"parent__{name}" for name in _HEAVY))
        .annotate(accepts_children=Exists(deeper))
        .filter(pk=pk)
    )
    area = next(iter(areas), None)
    return area if area is not None and has_perm(user, Perm.VIEW_AREA, area) else None


def _visible_children(*, user: Any, area: Area) -> QuerySet:
    """The children of `area` that the user may see.

    Children's paths extend their parent's, so when the user's scope covers `area` it covers
    every child too, and the scope's path filter would only cost the database a test per
    child; it is applied only when the scope does not cover `area` (then it still decides).
    """
    children = Area.objects.filter(parent=area)
    if user_scope(user, Perm.VIEW_AREA).covers_path(area.path):
        return children
    return for_user(user, Perm.VIEW_AREA, children)


@dataclass(frozen=True)
class Crumb:
    area: Area
    linked: bool


def area_breadcrumb(*, user: Any, area: Area) -> list[Crumb]:
    """Ancestors from the root down, with their levels (a province and its county often
    share a name). Names are shown even above the user's scope (they are the context of
    the place), but only areas in scope are links."""
    ids = area.ancestor_ids()
    if not ids:
        return []
    scope = user_scope(user, Perm.VIEW_AREA)
    ancestors: dict[int, Area] = {}
    parent = area.parent if Area.parent.is_cached(area) else None
    if parent is not None and Area.level.is_cached(parent):
        ancestors[parent.pk] = parent  # read with the area (`area_get`)
    wanted = [pk for pk in ids if pk not in ancestors]
    if wanted:
        ancestors |= (
            Area.objects.select_related("level")
            .only("pk", "path", "level", *_NAMES, *(f"level__{name}" for name in _NAMES))
            .in_bulk(wanted)
        )
    return [
        Crumb(area=ancestors[pk], linked=scope.covers_path(ancestors[pk].path))
        for pk in ids
        if pk in ancestors
    ]


_TABLE_COLUMNS = (
    "pk", "parent", "level", "path", "code", "registration", "geometry_is_synthetic", *_NAMES,
    "level__rank", "level__is_community", *(f"level__{name}" for name in _NAMES),
)  # fmt: skip


def area_children(*, user: Any, area: Area, q: str = "", registration: str = "") -> QuerySet:
    """The ids of the children of `area` the user may see, filtered, in name order.

    Ids only: sorting thousands of children then reads the `area_children_listing` index
    alone; `area_rows` loads the page's rows with their counts.
    """
    children = _matching(_visible_children(user=user, area=area), q)
    if registration:
        children = children.filter(registration=registration)
    return children.order_by(*by_name("level__rank")).values_list("pk", flat=True)


def area_rows(ids: QuerySet) -> list[Area]:
    """The areas of `ids` (one page of `area_children`: a sliced, ordered queryset of ids,
    already scoped) in that order, with `child_count` and `descendant_count`, in one query:
    the page's ids are a subquery, so choosing them and reading their rows is one trip.
    Hand-written SQL (`page_rows`): it returns what `area_rows_orm` does."""
    return page_rows(ids)


def area_rows_orm(ids: QuerySet) -> list[Area]:
    """`area_rows` as an ORM queryset: what `page_rows` must equal (its tests compare)."""
    rows = with_counts(Area.objects.filter(pk__in=ids).select_related("level"))
    return list(rows.only(*_TABLE_COLUMNS).order_by(*by_name("level__rank")))


@dataclass(frozen=True)
class ChildrenSummary:
    total: int
    unregistered: int
    communities: int
    with_geometry: int
    synthetic: int


def area_children_summary(*, user: Any, area: Area) -> ChildrenSummary:
    """What the page needs to know about all the children, counted in one SQL query."""
    children = _visible_children(user=user, area=area).order_by()
    totals = children.aggregate(
        total=Count("pk"),
        unregistered=Count("pk", filter=Q(registration=Area.Registration.UNREGISTERED)),
        communities=Count(
            "pk", filter=Q(level__in=AreaLevel.objects.filter(is_community=True).values("pk"))
        ),
        with_geometry=Count("pk", filter=~Q(geometry_kind="")),
        synthetic=Count("pk", filter=Q(geometry_is_synthetic=True)),
    )
    return ChildrenSummary(**totals)


def home_areas(*, user: Any) -> QuerySet:
    """The top areas of the user's scope: where their grants sit (roots for superusers)."""
    scope = user_scope(user, Perm.VIEW_AREA)
    if scope.everything:
        tops = Area.objects.filter(parent__isnull=True)
    else:
        tops = Area.objects.filter(path__in=scope.area_paths)
    areas = for_user(user, Perm.VIEW_AREA, tops).select_related("level")
    return with_counts(areas).order_by(*by_name("level__rank"))


def unregistered_count(*, user: Any) -> int:
    """How many communities in the user's scope are recorded as not registered."""
    return visible_areas(user=user).filter(registration=Area.Registration.UNREGISTERED).count()


def boundary_import_list(*, user: Any, area: Area, limit: int = 10) -> list[BoundaryImport]:
    imports = BoundaryImport.objects.filter(parent=area)
    # An import lies where its parent area does: a scope covering `area` covers them all.
    if not user_scope(user, Perm.IMPORT_BOUNDARIES).covers_path(area.path):
        imports = for_user(user, Perm.IMPORT_BOUNDARIES, imports)
    return list(imports.select_related("created_by", "level").order_by("-created_at")[:limit])


def boundary_import_get(*, user: Any, pk: int) -> BoundaryImport | None:
    imports = for_user(user, Perm.IMPORT_BOUNDARIES, BoundaryImport.objects.all())
    return imports.select_related("parent__level", "level", "created_by").filter(pk=pk).first()
