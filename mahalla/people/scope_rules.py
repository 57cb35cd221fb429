"""Where places and people records sit, for the scoping function."""

from __future__ import annotations

from django.db.models import Q

from mahalla.core.models import AccessLog
from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.scopes import Scope, register_scope
from mahalla.places.models import Area, BoundaryImport


def _area(scope: Scope) -> Q:
    return scope.area_q("path")


def _covers_area(scope: Scope, area: Area) -> bool | None:
    """`_area` for one loaded area: paths never change once written, so the area's own path
    answers as the database would (None when unsaved, deferred or not yet written: a new
    area's path is "/" until its id is known)."""
    if area.pk is None or not area.__dict__.get("path", "").endswith(f"/{area.pk}/"):
        return None
    return scope.covers_path(area.path)


def _boundary_import(scope: Scope) -> Q:
    return scope.area_q("parent__path")


def _organisation(scope: Scope) -> Q:
    return Q(pk__in=scope.organisation_ids) | scope.area_q("area__path")


def _role_grant(scope: Scope) -> Q:
    return (
        scope.area_q("area__path")
        | Q(organisation__in=scope.organisation_ids)
        | scope.area_q("organisation__area__path")
    )


def _user(scope: Scope) -> Q:
    # People are reached through the grants they hold in scope.
    inner = _role_grant(scope)
    return Q(pk__in=RoleGrant.objects.filter(inner, revoked_at__isnull=True).values("user_id"))


def _access_log(scope: Scope) -> Q:
    # Entries name their area by id (the log outlives deleted records); an entry without an
    # area is for those who see everything.
    return Q(area_id__in=Area.objects.filter(scope.area_q("path")).values("pk"))


def register() -> None:
    register_scope(AccessLog, _access_log)
    register_scope(Area, _area, covers=_covers_area)
    register_scope(BoundaryImport, _boundary_import)
    register_scope(Organisation, _organisation)
    register_scope(RoleGrant, _role_grant)
    register_scope(User, _user)
