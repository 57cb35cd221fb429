"""Where places and people records sit, for the scoping function."""

from __future__ import annotations

from django.db.models import Q

from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.scopes import Scope, register_scope
from mahalla.places.models import Area, BoundaryImport


def _area(scope: Scope) -> Q:
    return scope.area_q("path")


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


def register() -> None:
    register_scope(Area, _area)
    register_scope(BoundaryImport, _boundary_import)
    register_scope(Organisation, _organisation)
    register_scope(RoleGrant, _role_grant)
    register_scope(User, _user)
