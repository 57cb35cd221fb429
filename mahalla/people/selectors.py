"""Reads of organisations, grants and users, always narrowed by the scoping function."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mahalla.core.db import collated_name, localized_name
from mahalla.core.i18n.text import normalize_search
from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area


def localized_name_expression(language: str | None = None):
    """The name in `language`, falling back like `localized_name`, in SQL."""
    return localized_name(language=language)


def organisation_list(*, user: User, q: str = "", kind: str = "") -> QuerySet[Organisation]:
    qs = for_user(user, Perm.VIEW_ORGANISATION, Organisation.objects.select_related("area"))
    if kind:
        qs = qs.filter(kind=kind)
    needle = normalize_search(q)
    if needle:
        qs = qs.filter(search_text__contains=needle)
    # ICU collation with numeric ordering, in SQL, so that paging and sorting agree.
    return qs.order_by(collated_name(), "id")


def grant_list(
    *,
    user: User,
    role: str = "",
    area: Area | None = None,
    username: str = "",
    q: str = "",
    include_revoked: bool = False,
) -> QuerySet[RoleGrant]:
    qs = for_user(
        user,
        Perm.MANAGE_ROLES,
        RoleGrant.objects.select_related(
            "user", "area__level", "organisation", "granted_by", "revoked_by"
        ),
    )
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    if role:
        qs = qs.filter(role=role)
    if area is not None:
        # A grant on the area, beneath it, or on an organisation working there.
        qs = qs.filter(
            Q(area__path__startswith=area.path) | Q(organisation__area__path__startswith=area.path)
        )
    if username:
        qs = qs.filter(user__username__iexact=username.strip())
    needle = normalize_search(q)
    if needle:
        qs = qs.filter(
            Q(user__username__icontains=q.strip())
            | Q(user__first_name__icontains=q.strip())
            | Q(user__last_name__icontains=q.strip())
            | Q(area__search_text__contains=needle)
            | Q(organisation__search_text__contains=needle)
        )
    return qs.order_by("user__username", "-granted_at", "id")


def user_grants(*, viewer: User, person: User) -> QuerySet[RoleGrant]:
    """All grants of `person` (active and revoked) that `viewer` may manage."""
    return (
        grant_list(user=viewer, include_revoked=True)
        .filter(user=person)
        .order_by("revoked_at", "-granted_at")
    )


def users_in_scope(*, user: User) -> QuerySet[User]:
    """People holding an active role where `user` manages roles."""
    return for_user(user, Perm.MANAGE_ROLES, User.objects.filter(is_active=True))


def people_with_grants_in_scope(*, user: User) -> QuerySet[User]:
    """Like `users_in_scope`, but a revoked grant also counts, so whoever revoked a role can
    still open the person's page and see the record."""
    if user_scope(user, Perm.MANAGE_ROLES).everything:
        # Superusers also reach people who never had a role.
        return for_user(user, Perm.MANAGE_ROLES, User.objects.all())
    grants = for_user(user, Perm.MANAGE_ROLES, RoleGrant.objects.all())
    return User.objects.filter(pk__in=grants.values("user_id"))


def areas_in_scope(*, user: User, perm: str, communities: bool = True) -> QuerySet[Area]:
    """Areas for choice lists, in tree order. Communities can be left out of filters."""
    qs = for_user(user, perm, Area.objects.select_related("level"))
    if not communities:
        qs = qs.filter(level__is_community=False)
    return qs.order_by("path")


def organisations_in_scope(*, user: User, perm: str) -> QuerySet[Organisation]:
    return for_user(user, perm, Organisation.objects.all()).order_by(collated_name(), "id")


def grantable_people(*, user: User) -> QuerySet[User]:
    """Active people `user` may give a role to: those with a grant (even a revoked one) where
    `user` manages roles, and newcomers who hold no active role anywhere yet.

    Newcomers are reachable by their exact username only (the grant form), never listed:
    `grant_people_search` shows people already in scope.
    """
    active = User.objects.filter(is_active=True)
    if user_scope(user, Perm.MANAGE_ROLES).everything:
        return active
    in_scope = for_user(user, Perm.MANAGE_ROLES, RoleGrant.objects.all()).values("user_id")
    holding_a_role = RoleGrant.objects.filter(revoked_at__isnull=True).values("user_id")
    return active.filter(Q(pk__in=in_scope) | ~Q(pk__in=holding_a_role))


GRANT_SEARCH_LIMIT = 10


def grant_people_search(*, user: User, q: str) -> list[User]:
    """Suggestions for the grant form's username: people with a role where `user` manages
    roles, whose username or name contains `q`. Nobody outside that scope is ever listed."""
    needle = q.strip()
    if len(needle) < 2:
        return []
    people = people_with_grants_in_scope(user=user).filter(is_active=True)
    matches = people.filter(
        Q(username__icontains=needle)
        | Q(first_name__icontains=needle)
        | Q(last_name__icontains=needle)
    )
    return list(matches.order_by("username")[:GRANT_SEARCH_LIMIT])
