from __future__ import annotations

import pytest
from django.test import RequestFactory

from mahalla.core.audit import access_log_record
from mahalla.core.models import AccessLog


def test_an_entry_names_the_object_its_area_and_the_client(world):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    entry = access_log_record(
        user=world.khlong_toei_officer,
        action=AccessLog.Action.VIEW,
        obj=world.khlong_toei_office,
        detail="opened the page",
        request=request,
    )
    entry.refresh_from_db()
    assert entry.user == world.khlong_toei_officer
    assert entry.object_type == "people.organisation"
    assert entry.object_id == str(world.khlong_toei_office.pk)
    assert entry.area_id == world.khlong_toei.pk
    assert entry.ip_address == "203.0.113.9"


def test_an_area_is_its_own_place(world):
    entry = access_log_record(user=world.admin, action="export", obj=world.lock_123)
    assert entry.area_id == world.lock_123.pk


def test_an_export_without_an_object_names_its_type(world):
    entry = access_log_record(
        user=world.admin,
        action="export",
        object_type="registry.household",
        area=world.khlong_toei,
        detail="x" * 900,
    )
    assert entry.object_id == ""
    assert entry.area_id == world.khlong_toei.pk
    assert len(entry.detail) == 500


def test_anonymous_users_are_recorded_as_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    entry = access_log_record(user=AnonymousUser(), action="search", object_type="places.area")
    assert entry.user is None


def test_unknown_actions_and_missing_types_are_programming_errors(world):
    with pytest.raises(ValueError):
        access_log_record(user=world.admin, action="delete", object_type="places.area")
    with pytest.raises(ValueError):
        access_log_record(user=world.admin, action="view")
