"""The one scoping function: every queryset that reaches a user goes through `for_user`.

A role granted on an area covers that area and everything beneath it (a prefix match on the
area's materialised path). A role granted on an organisation covers the organisation and,
for place-bound records, the organisation's own area subtree.

Each model registers how it is placed (`register_scope`); apps above `people` register
their models in `AppConfig.ready`, so this module never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Model, Q, QuerySet

from mahalla.people.roles import ORGANISATION_BOUND, ROLE_PERMISSIONS


@dataclass(frozen=True)
class Scope:
    """What one user may reach with one permission."""

    everything: bool = False
    area_paths: tuple[str, ...] = ()
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.area_paths or self.organisation_ids)

    def area_q(self, path_field: str) -> Q:
        """Q matching rows whose area path lies inside this scope."""
        if not self.area_paths:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{path_field}__startswith": p}) for p in self.area_paths))

    def covers_path(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.area_paths)


ScopeRule = Callable[[Scope], Q]
CoversRule = Callable[[Scope, Any], bool | None]
_RULES: dict[type[Model], ScopeRule] = {}
_COVERS: dict[type[Model], CoversRule] = {}


def register_scope(model: type[Model], rule: ScopeRule, covers: CoversRule | None = None) -> None:
    """`rule` narrows querysets of `model` to a scope. `covers`, when given, answers the same
    question for one loaded object without a query (`has_perm`); it returns None when the
    object lacks what it needs (unsaved, fields deferred), and the query decides."""
    _RULES[model] = rule
    if covers is not None:
        _COVERS[model] = covers


def _minimal_paths(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor so the OR stays short."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(sorted(kept))


def _active_grants(user: Any) -> list[tuple[str, str | None, int | None]]:
    """(role, area path, organisation id) of the user's active grants, with an organisation
    grant carrying its organisation's area path. One query, cached on the user for the
    request, so every permission checked on a page shares it."""
    cache = user.__dict__
    if "_mahalla_grants" not in cache:
        grants = (
            user.role_grants.filter(revoked_at__isnull=True)
            .select_related("area", "organisation__area")
            .only("role", "user_id", "area__path", "organisation__id", "organisation__area__path")
        )
        rows: list[tuple[str, str | None, int | None]] = []
        for grant in grants:
            if grant.area_id:
                rows.append((grant.role, grant.area.path, None))
            else:
                organisation = grant.organisation
                path = organisation.area.path if organisation.area_id else None
                rows.append((grant.role, path, organisation.id))
        cache["_mahalla_grants"] = rows
    return cache["_mahalla_grants"]


def user_scope(user: Any, perm: str) -> Scope:
    """The scope of `user` for `perm`, cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    cache = user.__dict__.setdefault("_mahalla_scopes", {})
    if perm in cache:
        return cache[perm]

    paths: set[str] = set()
    org_ids: set[int] = set()
    for role, path, organisation_id in _active_grants(user):
        if perm not in ROLE_PERMISSIONS.get(role, ()):
            continue
        if organisation_id is not None:
            org_ids.add(organisation_id)
            if perm in ORGANISATION_BOUND:
                continue
        if path:
            paths.add(path)
    scope = Scope(area_paths=_minimal_paths(paths), organisation_ids=frozenset(org_ids))
    cache[perm] = scope
    return scope


def area_grant_scope(user: Any, perm: str) -> Scope:
    """The part of `user_scope` that comes from grants on areas.

    A grant on an organisation also reaches the organisation's area for place-bound records,
    but it is a role *in the organisation*: it does not make its holder an authority over the
    district, so it never allows granting roles on areas (see `services.role_grant`).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(everything=True)
    paths = {
        path
        for role, path, organisation_id in _active_grants(user)
        if organisation_id is None and path and perm in ROLE_PERMISSIONS.get(role, ())
    }
    return Scope(area_paths=_minimal_paths(paths))


def for_user(user: Any, perm: str, queryset: QuerySet) -> QuerySet:
    """`queryset` narrowed to what `user` may reach with `perm`."""
    scope = user_scope(user, perm)
    if scope.everything:
        return queryset
    if scope.is_empty:
        return queryset.none()
    rule = _RULES.get(queryset.model)
    if rule is None:
        raise LookupError(f"no scope rule registered for {queryset.model.__name__}")
    return queryset.filter(rule(scope))


def has_perm(user: Any, perm: str, obj: Model | None = None) -> bool:
    """Whether `user` holds `perm` somewhere (obj None) or on `obj`."""
    scope = user_scope(user, perm)
    if scope.everything:
        return True
    if scope.is_empty:
        return False
    if obj is None:
        return True
    covers = _COVERS.get(type(obj))
    answer = covers(scope, obj) if covers is not None else None
    if answer is not None:
        return answer
    return for_user(user, perm, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def forget_scopes(user: Any) -> None:
    """Drop the cached scopes, after grants change within one request."""
    user.__dict__.pop("_mahalla_scopes", None)
    user.__dict__.pop("_mahalla_grants", None)
