"""The registry API: scoped, personal fields only with the right, logged when given."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from mahalla.core.models import AccessLog
from mahalla.registry.models import Household

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_households_with_personal_fields_for_the_officer_and_logged(world, registry):
    response = _client(world.khlong_toei_officer).get("/api/households/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 3
    assert {r["head_name"] for r in rows} == {"สมชาย ใจดี", "มานี มีนา", "علی كريمي"}
    assert all(r["personal"] for r in rows)
    first = next(r for r in rows if r["head_name"] == "สมชาย ใจดี")
    assert first["tenure"] == "occupant" and first["members"][0]["name"] == "สมชาย ใจดี"
    log = AccessLog.objects.get(object_type="registry.household", action="view")
    assert log.rows == 3 and log.user == world.khlong_toei_officer


def test_personal_fields_are_null_without_the_right_and_nothing_is_logged(world, registry):
    response = _client(world.treasurer).get("/api/households/")  # treasurer of Lock 1-2-3
    rows = response.json()["results"]
    assert len(rows) == 3
    for row in rows:
        assert row["personal"] is False
        assert row["head_name"] is None and row["house_number"] is None
        assert row["longitude"] is None and row["latitude"] is None
        assert all(m["name"] is None for m in row["members"])
    assert row["member_count"] >= 1 and row["tenure"] == "occupant"  # not personal
    assert not AccessLog.objects.exists()
    detail = _client(world.treasurer).get(f"/api/households/{rows[0]['id']}/").json()
    assert detail["head_name"] is None


def test_households_out_of_scope_are_not_found(world, registry):
    household = Household.objects.first()
    client = _client(world.pathum_wan_officer)
    assert client.get("/api/households/").json()["results"] == []
    assert client.get(f"/api/households/{household.pk}/").status_code == 404
    assert APIClient().get("/api/households/").status_code == 401


def test_household_filters(world, registry):
    client = _client(world.khlong_toei_officer)
    children = client.get("/api/households/", {"vulnerability": "child"}).json()["results"]
    assert [r["head_name"] for r in children] == ["علی كريمي"]
    assert AccessLog.objects.filter(action="search").get().rows == 1
    assert client.get("/api/households/", {"vulnerability": "x"}).status_code == 400


def test_settlement_profiles(world, registry):
    client = _client(world.treasurer)
    rows = client.get("/api/settlement-profiles/", {"hazard": "flood"}).json()["results"]
    assert len(rows) == 2 and {r["households"] for r in rows} == {140, 150}
    assert rows[0]["tenure_situation"] == "none" and sorted(rows[0]["hazards"]) == ["fire", "flood"]
    assert client.get("/api/settlement-profiles/", {"hazard": "landslide"}).json()["count"] == 0
    assert _client(world.pathum_wan_officer).get("/api/settlement-profiles/").json()["count"] == 0


def test_value_lists(world, registry):
    client = _client(world.khlong_toei_officer)
    client.credentials(HTTP_ACCEPT_LANGUAGE="fa")
    rows = client.get("/api/registry-values/", {"list": "tenure_type"}).json()["results"]
    occupant = next(r for r in rows if r["code"] == "occupant")
    assert occupant["name"] == "ساکن بدون سند"
    assert _client(world.no_role).get("/api/registry-values/").json()["count"] == 0
