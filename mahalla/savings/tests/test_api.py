"""The API: groups and loans in scope, and keyed meeting entries (201, 200, 409, 400)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rest_framework.test import APIClient

from mahalla.savings.services import meetings, operations
from mahalla.savings.testing import make_group


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_entries_through_the_api_post_once(world, group, members):
    meeting = meetings.meeting_open(group=group, held_on=date(2025, 2, 15), by=None)
    client = _client(world.treasurer)
    url = f"/api/savings-meetings/{meeting.pk}/entries/"
    entry = {"key": "phone-1", "type": "deposit", "member": members[0].pk, "amount": "۱۰۰"}
    assert client.post(url, entry, format="json").status_code == 201
    assert client.post(url, entry, format="json").status_code == 200
    changed = {**entry, "amount": "150"}
    assert client.post(url, changed, format="json").status_code == 409
    bad = {**entry, "key": "phone-2", "type": "withdrawal", "amount": "1000"}
    response = client.post(url, bad, format="json")
    assert response.status_code == 400 and response.json()["status"] == "error"
    assert operations.savings_balance(members[0]) == Decimal(100)
    # A district officer reads the meeting but may not post to it.
    officer = _client(world.khlong_toei_officer)
    assert officer.get(f"/api/savings-meetings/{meeting.pk}/").status_code == 200
    assert officer.post(url, {**entry, "key": "x"}, format="json").status_code == 403


def test_groups_out_of_scope_are_not_listed(world, group):
    other = make_group(world.pathum_wan, name_en="Pathum Wan group", members=["a"])
    rows = _client(world.khlong_toei_officer).get("/api/savings-groups/").json()["results"]
    assert [r["id"] for r in rows] == [group.pk]
    assert (
        _client(world.pathum_wan_officer).get(f"/api/savings-groups/{group.pk}/").status_code == 404
    )
    assert other.pk
