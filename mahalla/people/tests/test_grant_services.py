from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mahalla.people.models import RoleGrant
from mahalla.people.roles import Perm, Role
from mahalla.people.scopes import has_perm
from mahalla.people.services import role_grant, role_revoke
from mahalla.places.models import Area


def test_scoped_admin_grants_a_role_inside_their_district(world, kt_admin):
    grant = role_grant(
        granted_by=kt_admin,
        user=world.no_role,
        role=Role.SURVEYOR,
        area=world.lock_123,
        reason="surveys in Lock 1-2-3",
    )
    assert grant.granted_by == kt_admin
    assert has_perm(world.no_role, Perm.VIEW_AREA, world.lock_123)
    assert grant.history.latest().history_change_reason == "surveys in Lock 1-2-3"


def test_scoped_admin_cannot_grant_outside_their_district(world, kt_admin):
    with pytest.raises(PermissionDenied):
        role_grant(
            granted_by=kt_admin, user=world.no_role, role=Role.SURVEYOR, area=world.pathum_wan
        )
    with pytest.raises(PermissionDenied):
        # The parent of their district is outside it too.
        role_grant(granted_by=kt_admin, user=world.no_role, role=Role.SURVEYOR, area=world.bangkok)
    assert not RoleGrant.objects.filter(user=world.no_role).exists()


def test_a_district_officer_cannot_grant_roles(world):
    with pytest.raises(PermissionDenied):
        role_grant(
            granted_by=world.khlong_toei_officer,
            user=world.no_role,
            role=Role.SURVEYOR,
            area=world.lock_123,
        )


def test_scoped_admin_grants_on_an_organisation_working_in_their_district(world, kt_admin):
    grant = role_grant(
        granted_by=kt_admin,
        user=world.no_role,
        role=Role.FOCAL_POINT,
        organisation=world.khlong_toei_office,
    )
    assert grant.organisation == world.khlong_toei_office
    with pytest.raises(PermissionDenied):
        role_grant(
            granted_by=kt_admin,
            user=world.no_role,
            role=Role.FOCAL_POINT,
            organisation=world.tehran_municipality,
        )


def test_the_same_active_role_cannot_be_granted_twice(world, kt_admin):
    role_grant(granted_by=kt_admin, user=world.no_role, role=Role.SURVEYOR, area=world.lock_123)
    with pytest.raises(ValidationError):
        role_grant(granted_by=kt_admin, user=world.no_role, role=Role.SURVEYOR, area=world.lock_123)


def test_a_grant_needs_an_area_or_an_organisation(world):
    with pytest.raises(PermissionDenied):
        role_grant(granted_by=world.admin, user=world.no_role, role=Role.SURVEYOR)
    with pytest.raises(ValidationError):
        role_grant(
            granted_by=world.admin,
            user=world.no_role,
            role=Role.SURVEYOR,
            area=world.lock_123,
            organisation=world.khlong_toei_office,
        )


def test_revoking_keeps_the_row_and_records_who_and_why(world, kt_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    role_revoke(grant=grant, revoked_by=kt_admin, reason="left the savings group")
    grant.refresh_from_db()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    assert grant.revoked_at is not None
    assert grant.revoked_by == kt_admin
    latest = grant.history.latest()
    assert latest.history_change_reason == "left the savings group"
    assert latest.history_user == kt_admin
    treasurer = type(world.treasurer).objects.get(pk=world.treasurer.pk)
    assert not has_perm(treasurer, Perm.VIEW_AREA, world.lock_123)


def test_revoking_twice_is_refused(world, kt_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    role_revoke(grant=grant, revoked_by=kt_admin)
    with pytest.raises(ValidationError):
        role_revoke(grant=grant, revoked_by=kt_admin)


def test_an_admin_of_another_district_cannot_revoke(world, pw_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    with pytest.raises(PermissionDenied):
        role_revoke(grant=grant, revoked_by=pw_admin)
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_after_revoking_the_same_role_can_be_granted_again(world, kt_admin):
    grant = RoleGrant.objects.get(user=world.treasurer)
    role_revoke(grant=grant, revoked_by=kt_admin)
    again = role_grant(
        granted_by=kt_admin, user=world.treasurer, role=Role.TREASURER, area=world.lock_123
    )
    assert again.pk != grant.pk
    assert RoleGrant.objects.filter(user=world.treasurer).count() == 2
    assert Area.objects.filter(pk=world.lock_123.pk).exists()
