"""Adding and editing areas by hand, from the pages.

Unregistered communities rarely have a boundary file, so an officer adds them one by one:
a level beneath the parent, names, an optional code and an optional point. The checks that
need the database or the parent's boundary live here; errors are keyed by the form field
they are about, so the page shows each next to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from shapely.geometry import Point

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm, user_scope
from mahalla.places.geometry import INSIDE, SWAPPED, boundary_of, placement
from mahalla.places.models import Area, AreaLevel
from mahalla.places.services import area_create, area_update
from mahalla.places.signals import send_boundaries_changed

NAME_FIELDS = ("name_en", "name_th", "name_fa")
# Six decimals of a degree are about 10 cm: more is noise from a phone or a map click.
COORDINATE_STEP = Decimal("0.000001")


def child_levels(*, parent: Area | None) -> QuerySet:
    """Levels a child of `parent` may have: those ranked below the parent's level (any level
    for a top-level place, `parent` None)."""
    levels = AreaLevel.objects.order_by("rank", "code")
    return levels if parent is None else levels.filter(rank__gt=parent.level.rank)


def default_child_level(*, parent: Area | None, levels: list[AreaLevel]) -> AreaLevel | None:
    """The level most of the parent's children (or of the top-level places) already have,
    else the next level down."""
    if not levels:
        return None
    by_pk = {level.pk: level for level in levels}
    # Counted in the database: a district may hold thousands of communities.
    most_common = (
        Area.objects.filter(parent=parent, level_id__in=by_pk)
        .values("level_id")
        .annotate(count=Count("id"))
        .order_by("-count", "level_id")
        .first()
    )
    if most_common:
        return by_pk[most_common["level_id"]]
    return levels[0]


def location_is_editable(area: Area) -> bool:
    """Only a single point (or no geometry) is edited by hand; boundaries come from files."""
    return not area.geometry or area.geometry.get("type") == "Point"


def area_point(area: Area) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) of an area located by a single point."""
    if not area.geometry or area.geometry.get("type") != "Point":
        return None
    longitude, latitude = area.geometry["coordinates"][:2]
    return _rounded(Decimal(str(latitude))), _rounded(Decimal(str(longitude)))


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP).normalize()


def _point(latitude: Decimal | None, longitude: Decimal | None) -> Point | None:
    if latitude is None or longitude is None:
        return None
    return Point(float(_rounded(longitude)), float(_rounded(latitude)))


def _check_inside_parent(parent: Area | None, point: Point | None) -> None:
    """Refuse a point outside the parent's boundary: a typo in a coordinate, most likely."""
    boundary = boundary_of(parent) if parent is not None else None
    if point is None or boundary is None:
        return
    where = placement(boundary, point)
    if where == INSIDE:
        return
    names = {"parent": parent.name}
    if where == SWAPPED:
        message = _(
            "This point lies outside %(parent)s, but would be inside it with latitude and "
            "longitude swapped. Check that the latitude is in the Latitude field."
        )
    else:
        message = _(
            "This point lies outside the boundary of %(parent)s. Check the latitude and the "
            "longitude."
        )
    raise ValidationError({"latitude": message % names})


def _run_checks(*checks: Callable[[], object]) -> None:
    """Run every check and raise all their errors together, so the page shows them at once."""
    errors: dict[str, list] = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _check_level(parent: Area, level: AreaLevel) -> None:
    if level.rank <= parent.level.rank:
        raise ValidationError(
            {"level": _("Choose a level below %(level)s.") % {"level": parent.level.name}}
        )


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you make this change.")})


def _check_location(area: Area, point: Point | None) -> None:
    if not location_is_editable(area):
        raise ValidationError(
            {"latitude": _("This place has a boundary; change it with a boundary file.")}
        )
    _check_inside_parent(area.parent, point)


def _check_names(names: dict[str, str]) -> None:
    if not any(names.get(field) for field in NAME_FIELDS):
        raise ValidationError(
            _(
                "Give the place a name in at least one language: Name (English), "
                "Name (Thai) or Name (Persian)."
            )
        )


def _check_code(parent: Area | None, code: str, *, exclude_pk: int | None = None) -> None:
    if not code:
        return
    siblings = Area.objects.filter(parent=parent, code=code)
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        where = parent.name if parent else _("the top level")
        raise ValidationError(
            {
                "code": _("Another place in %(parent)s already has the code %(code)s.")
                % {"parent": where, "code": code}
            }
        )


def _check_registration(level: AreaLevel, registration: str) -> None:
    if registration and not level.is_community:
        raise ValidationError(
            {
                "registration": _(
                    "Only communities are registered or not registered. Choose "
                    "“not applicable” for a place of the level %(level)s."
                )
                % {"level": level.name}
            }
        )


def may_add_top_level(user: Any) -> bool:
    """A top-level place (a country, a new province) lies outside every area, so only someone
    who may change every place adds one: a superuser. Grants are always on an area or an
    organisation, so no grant reaches this far."""
    return user_scope(user, Perm.CHANGE_AREA).everything


def _check_may_change(by: Any, area: Area) -> None:
    if by is not None and not has_perm(by, Perm.CHANGE_AREA, area):
        raise PermissionDenied(_("You may not change this place."))


def _saved(write: Any, code: str, parent: Area | None, exclude_pk: int | None = None) -> Area:
    """Run a write, turning a code taken at the same moment by someone else into a field error."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        _check_code(parent, code, exclude_pk=exclude_pk)
        raise


def area_child_create(
    *,
    by: Any,
    parent: Area,
    level: AreaLevel,
    code: str = "",
    name_en: str = "",
    name_th: str = "",
    name_fa: str = "",
    registration: str | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    reason: str = "",
) -> Area:
    """Add one area beneath `parent`, as `by` (None: the system, no permission check).

    `registration` None or empty means "the usual for the level": not registered for a
    community level (the reason communities are added by hand), else not applicable.
    """
    _check_may_change(by, parent)
    return _area_add(
        parent=parent,
        level=level,
        code=code,
        name_en=name_en,
        name_th=name_th,
        name_fa=name_fa,
        registration=registration,
        latitude=latitude,
        longitude=longitude,
        reason=reason,
    )


def area_top_level_create(
    *, by: Any, level: AreaLevel, registration: str | None = None, **fields: Any
) -> Area:
    """Add a place at the top of the tree, as `by` (None: the system). Same fields and
    checks as `area_child_create`, without a parent."""
    if by is not None and not may_add_top_level(by):
        raise PermissionDenied(_("Only an administrator of every place may add a top-level place."))
    return _area_add(parent=None, level=level, registration=registration, **fields)


def _area_add(
    *,
    parent: Area | None,
    level: AreaLevel,
    code: str = "",
    name_en: str = "",
    name_th: str = "",
    name_fa: str = "",
    registration: str | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    reason: str = "",
) -> Area:
    names = {"name_en": name_en, "name_th": name_th, "name_fa": name_fa}
    if registration is None or (level.is_community and not registration):
        registration = Area.Registration.UNREGISTERED if level.is_community else ""
    point = _point(latitude, longitude)
    checks = [
        lambda: _check_names(names),
        lambda: _check_registration(level, registration),
        lambda: _check_code(parent, code),
        lambda: _check_inside_parent(parent, point),
    ]
    if parent is not None:
        checks.insert(0, lambda: _check_level(parent, level))
    _run_checks(*checks)
    return _saved(
        lambda: area_create(
            level=level,
            parent=parent,
            code=code,
            registration=registration,
            geometry=point,
            reason=reason,
            **names,
        ),
        code,
        parent,
    )


def area_details_update(
    *,
    by: Any,
    area: Area,
    reason: str,
    code: str,
    name_en: str,
    name_th: str,
    name_fa: str,
    registration: str,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    location: bool = False,
) -> Area:
    """Change an area's names, code, registration and, with `location`, its point.

    The parent never changes here: moving a subtree is a separate, rarer operation.
    """
    _check_may_change(by, area)
    # A fresh copy: a refused change must not leave edited values on the caller's object.
    area = Area.objects.select_related("level", "parent").get(pk=area.pk)
    names = {"name_en": name_en, "name_th": name_th, "name_fa": name_fa}
    fields: dict[str, Any] = {"code": code, "registration": registration, **names}
    point = _point(latitude, longitude) if location else None
    checks = [
        lambda: _check_reason(reason),
        lambda: _check_names(names),
        lambda: _check_code(area.parent, code, exclude_pk=area.pk),
    ]
    if registration != area.registration:
        checks.append(lambda: _check_registration(area.level, registration))
    if location:
        checks.append(lambda: _check_location(area, point))
    _run_checks(*checks)
    if location and (
        point is None or area_point(area) != (_rounded(latitude), _rounded(longitude))
    ):
        fields["geometry"] = point
    updated = _saved(
        lambda: area_update(area=area, reason=reason, **fields), code, area.parent, area.pk
    )
    if "geometry" in fields:
        send_boundaries_changed([updated.pk])
    return updated
