"""Writes to organisations and role grants.

Every change goes through here so search text stays filled, permissions are checked where the
change is made (not only in the view), and history records who and why.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from mahalla.core.i18n.text import normalize_search
from mahalla.people import tokens
from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.roles import ROLE_PERMISSIONS, Perm
from mahalla.people.scopes import Scope, area_grant_scope, forget_scopes, has_perm, user_scope
from mahalla.people.selectors import grantable_people
from mahalla.places.models import Area

_NAMES = ("name_en", "name_th", "name_fa", "short_name_en", "short_name_th", "short_name_fa")
_ORGANISATION_FIELDS = {"kind", *_NAMES, "area", "is_active"}


def organisation_search_text(organisation: Organisation) -> str:
    """Every name and short name, so กทม. finds the BMA from any page's search."""
    parts = [getattr(organisation, field) for field in _NAMES]
    return normalize_search(" ".join(filter(None, parts)))


def _check_may_change_organisation_on(by: User | None, area: Area | None) -> None:
    """`by` None is the system (imports, demo data, commands); people need the permission."""
    if by is None or by.is_superuser:
        return
    # An organisation without an area is reachable only through grants on it, so only
    # superusers create such organisations; others place it inside their own scope.
    if area is None or not has_perm(by, Perm.CHANGE_ORGANISATION, area):
        raise PermissionDenied(_("You may not place an organisation in this area."))


def _check_known_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - _ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")


def _organisation_save(organisation: Organisation, *, by: User | None, reason: str) -> Organisation:
    organisation.search_text = organisation_search_text(organisation)
    organisation.full_clean()
    organisation._change_reason = reason
    organisation._history_user = by
    organisation.save()
    return organisation


@transaction.atomic
def organisation_create(*, by: User | None, reason: str = "", **fields: Any) -> Organisation:
    _check_known_fields(fields)
    _check_may_change_organisation_on(by, fields.get("area"))
    organisation = Organisation(**fields)
    return _organisation_save(organisation, by=by, reason=reason)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User | None, reason: str = "", **fields: Any
) -> Organisation:
    _check_known_fields(fields)
    if by is not None and not has_perm(by, Perm.CHANGE_ORGANISATION, organisation):
        raise PermissionDenied(_("You may not change this organisation."))
    if "area" in fields and fields["area"] != organisation.area:
        _check_may_change_organisation_on(by, fields["area"])
    for name, value in fields.items():
        setattr(organisation, name, value)
    return _organisation_save(organisation, by=by, reason=reason)


NO_GRANT_FOR_THIS_PERSON = _("No one with this username can receive a role from you.")


def _reaches_organisation(scope: Scope, organisation: Organisation) -> bool:
    """`scope` covers `organisation` as the organisation scope rule does (scope_rules)."""
    if scope.everything or organisation.pk in scope.organisation_ids:
        return True
    return organisation.area_id is not None and scope.covers_path(organisation.area.path)


def _check_within_own_rights(
    by: User, *, role: str, area: Area | None, organisation: Organisation | None, refusal: str
) -> None:
    """Refuse a grant (or its revocation) that reaches beyond `by`'s own rights.

    `by` needs, on the target, the permission to manage roles and every permission the role
    carries: nobody hands out more than they hold. On an area these must come from grants on
    areas (an organisation's administrator manages the organisation, not its district); on
    an organisation, from a grant on it or on an area it works in.
    """
    perms = {Perm.MANAGE_ROLES, *ROLE_PERMISSIONS.get(role, ())}
    if area is not None:
        if not user_scope(by, Perm.MANAGE_ROLES).covers_path(area.path):
            raise PermissionDenied(refusal)
        if not area_grant_scope(by, Perm.MANAGE_ROLES).covers_path(area.path):
            raise PermissionDenied(
                _(
                    "Your role comes from an organisation, so you may grant roles on that "
                    "organisation only, not on areas."
                )
            )
        missing = [p for p in perms if not area_grant_scope(by, p).covers_path(area.path)]
    elif organisation is not None:
        if not _reaches_organisation(user_scope(by, Perm.MANAGE_ROLES), organisation):
            raise PermissionDenied(refusal)
        missing = [p for p in perms if not _reaches_organisation(user_scope(by, p), organisation)]
    else:
        raise PermissionDenied(refusal)
    if missing:
        raise PermissionDenied(
            _("This role gives rights there that you do not hold yourself, so you cannot grant it.")
        )


def _check_may_receive_role_from(by: User, person: User) -> None:
    # The same answer whether the person is unknown to `by` or does not exist: the grant
    # form must not tell who has an account elsewhere.
    if not grantable_people(user=by).filter(pk=person.pk).exists():
        raise PermissionDenied(NO_GRANT_FOR_THIS_PERSON)


@transaction.atomic
def role_grant(
    *,
    granted_by: User,
    user: User,
    role: str,
    area: Area | None = None,
    organisation: Organisation | None = None,
    reason: str = "",
) -> RoleGrant:
    """Give `user` the `role` on an area (and all beneath it) or on an organisation.

    Refused when it would widen the granter's own rights: no grants to oneself, and none
    beyond the granter's own scope and permissions (`_check_within_own_rights`).
    """
    # A superuser already holds everything, so a role for themselves widens nothing (the
    # demo data gives its administrator roles this way); anyone else would gain rights.
    if granted_by.pk == user.pk and not granted_by.is_superuser:
        raise PermissionDenied(_("You cannot grant a role to yourself. Ask another administrator."))
    _check_within_own_rights(
        granted_by,
        role=role,
        area=area,
        organisation=organisation,
        refusal=_("You may not grant roles there."),
    )
    _check_may_receive_role_from(granted_by, user)
    grant = RoleGrant(
        user=user, role=role, area=area, organisation=organisation, granted_by=granted_by
    )
    grant.full_clean()
    grant._change_reason = reason
    grant._history_user = granted_by
    grant.save()
    forget_scopes(user)
    return grant


@transaction.atomic
def role_revoke(*, grant: RoleGrant, revoked_by: User, reason: str = "") -> RoleGrant:
    """End a grant. The row stays, with who ended it and when, so access can be audited.

    Only someone who could have made the grant may end it: an organisation's administrator
    cannot remove a district's roles, nor anyone a role wider than their own.
    """
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    refusal = _("You may not revoke this role.")
    if revoked_by.pk != grant.user_id:  # giving up one's own role never widens anything
        _check_within_own_rights(
            revoked_by,
            role=grant.role,
            area=grant.area,
            organisation=grant.organisation,
            refusal=refusal,
        )
    elif not _may_manage_roles_on(revoked_by, area=grant.area, organisation=grant.organisation):
        raise PermissionDenied(refusal)
    if grant.revoked_at is not None:
        raise ValidationError(_("This role was already revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = revoked_by
    grant.full_clean()
    grant._change_reason = reason
    grant._history_user = revoked_by
    grant.save()
    forget_scopes(grant.user)
    return grant


def _may_manage_roles_on(user: User, *, area: Area | None, organisation: Organisation | None):
    target = area if area is not None else organisation
    return target is not None and has_perm(user, Perm.MANAGE_ROLES, target)


@transaction.atomic
def api_token_rotate(*, user: User) -> Token:
    """A fresh API token for `user`; any earlier token stops working at once. The only way
    to make one: its key is bound to the current password (`tokens`)."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user, key=tokens.new_key(user))


def user_time_zone_set(*, user: User, time_zone: str) -> User:
    """Save the zone `user` reads times in; "" means the usual zone of their language."""
    user.time_zone = time_zone
    user.full_clean(validate_unique=False, exclude=["password"])
    user.save(update_fields=["time_zone"])
    return user


def api_token_current(*, user: User) -> Token | None:
    """The user's token, expired or not, unless a password change has ended it (then it is
    deleted, so it is no longer shown)."""
    token = Token.objects.filter(user=user).first()
    if token is not None and not tokens.key_matches_password(token.key, user):
        token.delete()
        return None
    return token


def api_token_for_login(*, user: User) -> Token:
    """The token handed out by the token endpoint: the user's working token, or a new one."""
    token = api_token_current(user=user)
    if token is None or tokens.has_expired(token.created):
        return api_token_rotate(user=user)
    return token
