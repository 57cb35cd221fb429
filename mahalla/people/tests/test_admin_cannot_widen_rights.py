"""Staff who may edit people in the admin cannot give rights there: not superuser status,
not permissions, and no role grants (those go through the grant pages' checks)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from mahalla.testing import make_user


@pytest.fixture
def helpdesk(world):
    """Staff who may edit users and role grants in the admin, but are not superusers."""
    user = make_user("helpdesk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_user", "change_user", "view_rolegrant", "change_rolegrant"]
        )
    )
    return user


def test_staff_cannot_make_themselves_superuser(world, login, helpdesk):
    client = login(helpdesk)
    url = f"/admin/people/user/{helpdesk.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    client.post(
        url,
        {
            "username": "helpdesk",
            "is_superuser": "on",
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    helpdesk.refresh_from_db()
    assert not helpdesk.is_superuser


def test_staff_cannot_add_or_change_role_grants_in_the_admin(world, login, helpdesk):
    client = login(helpdesk)
    assert client.get("/admin/people/rolegrant/add/").status_code == 403
    grant = world.treasurer.role_grants.get()
    page = client.get(f"/admin/people/rolegrant/{grant.pk}/change/").content.decode()
    assert 'name="role"' not in page  # shown read-only


def test_superusers_still_edit_grants_in_the_admin(world, login):
    assert login(world.admin).get("/admin/people/rolegrant/add/").status_code == 200
