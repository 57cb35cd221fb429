"""Where registry records sit, for the scoping function: on their community's area (members
and relationships on their household's or spatial unit's)."""

from __future__ import annotations

from django.db.models import Q

from mahalla.people.scopes import Scope, register_scope
from mahalla.registry.models import (
    Household,
    Member,
    SettlementProfile,
    SpatialUnit,
    TenureRelationship,
)


def _on_area(scope: Scope) -> Q:
    return scope.area_q("area__path")


def _member(scope: Scope) -> Q:
    return scope.area_q("household__area__path")


def _relationship(scope: Scope) -> Q:
    return scope.area_q("spatial_unit__area__path")


def register() -> None:
    register_scope(Household, _on_area)
    register_scope(SettlementProfile, _on_area)
    register_scope(SpatialUnit, _on_area)
    register_scope(Member, _member)
    register_scope(TenureRelationship, _relationship)
