"""Nobody widens their own rights by granting: not to themselves, not beyond their own scope,
not a role carrying rights they lack, and an organisation's administrator not on areas."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from mahalla.people.models import RoleGrant
from mahalla.people.roles import ROLE_PERMISSIONS, Perm, Role
from mahalla.people.services import role_grant, role_revoke
from mahalla.testing import grant, make_user


@pytest.fixture
def kt_office_admin(world):
    """Administrator of the Khlong Toei District Office (a grant on the organisation)."""
    user = make_user("kt_office_admin", first_name="Kanya")
    grant(user, Role.ADMIN, org=world.khlong_toei_office)
    return user


def test_a_role_manager_cannot_grant_a_role_to_themselves(world, kt_admin):
    with pytest.raises(PermissionDenied, match="yourself"):
        role_grant(granted_by=kt_admin, user=kt_admin, role=Role.SURVEYOR, area=world.lock_123)
    assert kt_admin.role_grants.count() == 1


def test_an_organisation_administrator_cannot_grant_a_role_on_an_area(world, kt_office_admin):
    with pytest.raises(PermissionDenied, match="organisation only"):
        role_grant(
            granted_by=kt_office_admin,
            user=world.no_role,
            role=Role.SURVEYOR,
            area=world.lock_123,
        )
    assert not RoleGrant.objects.filter(user=world.no_role).exists()


def test_an_organisation_administrator_grants_roles_on_their_organisation(world, kt_office_admin):
    made = role_grant(
        granted_by=kt_office_admin,
        user=world.no_role,
        role=Role.FOCAL_POINT,
        organisation=world.khlong_toei_office,
    )
    assert made.organisation == world.khlong_toei_office


def test_no_one_grants_a_role_carrying_rights_they_do_not_hold(world, monkeypatch, kt_admin):
    # An administrator role without personal data, as a deployment might configure it.
    narrowed = ROLE_PERMISSIONS[Role.ADMIN] - {Perm.VIEW_PERSONAL_DATA}
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.ADMIN, narrowed)
    with pytest.raises(PermissionDenied, match="do not hold yourself"):
        role_grant(
            granted_by=kt_admin,
            user=world.no_role,
            role=Role.COMMUNITY_LEADER,  # carries personal data
            area=world.lock_123,
        )
    # A role within their own rights is still fine.
    role_grant(granted_by=kt_admin, user=world.no_role, role=Role.SURVEYOR, area=world.lock_123)


def test_a_person_out_of_the_granters_scope_cannot_receive_a_role(world, kt_admin):
    # Malee holds a role in Pathum Wan only: kt_admin cannot reach her account.
    with pytest.raises(PermissionDenied, match="No one with this username"):
        role_grant(
            granted_by=kt_admin,
            user=world.pathum_wan_officer,
            role=Role.SURVEYOR,
            area=world.lock_123,
        )


def test_a_newcomer_without_any_role_can_receive_a_first_role(world, kt_admin):
    newcomer = make_user("newcomer")
    made = role_grant(granted_by=kt_admin, user=newcomer, role=Role.SURVEYOR, area=world.lock_123)
    assert made.user == newcomer


def test_an_organisation_administrator_cannot_revoke_a_districts_roles(world, kt_office_admin):
    treasurer_grant = RoleGrant.objects.get(user=world.treasurer)
    with pytest.raises(PermissionDenied):
        role_revoke(grant=treasurer_grant, revoked_by=kt_office_admin)
    treasurer_grant.refresh_from_db()
    assert treasurer_grant.revoked_at is None


def test_anyone_who_manages_roles_may_give_up_their_own_role(world, kt_admin):
    own = kt_admin.role_grants.get()
    role_revoke(grant=own, revoked_by=kt_admin, reason="moved to another district")
    own.refresh_from_db()
    assert own.revoked_by == kt_admin


def test_the_grant_form_shows_the_refusal_to_grant_oneself(world, login, kt_admin):
    response = login(kt_admin).post(
        "/people/roles/new/",
        {"username": "kt_admin", "role": Role.SURVEYOR, "area": world.lock_123.pk},
    )
    assert response.status_code == 200
    assert "You cannot grant a role to yourself." in response.content.decode()
    assert kt_admin.role_grants.count() == 1
