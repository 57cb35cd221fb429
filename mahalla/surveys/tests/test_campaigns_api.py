"""The campaign API: scoped reads, writes for survey managers only, targets and progress."""

from __future__ import annotations

from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.surveys.models import Campaign
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.campaign_helpers import make_campaign, submit, target
from mahalla.testing import grant, make_user


def test_the_list_is_scoped_and_paginated(world, login):
    make_campaign(world, name_en="KT round")
    make_campaign(world, name_en="PW round", area=world.pathum_wan)
    response = login(world.khlong_toei_officer).get(reverse("api:campaign-list"))
    assert response.status_code == 200
    body = response.json()
    assert [c["name_en"] for c in body["results"]] == ["KT round"]
    assert body["count"] == 1
    assert body["results"][0]["accepts_submissions"] in (True, False)


def test_anonymous_is_401(world, client):
    assert client.get(reverse("api:campaign-list")).status_code == 401


def test_a_manager_creates_and_updates_a_campaign(world, login):
    version = make_version(world.khlong_toei)
    client = login(world.khlong_toei_officer)
    response = client.post(
        reverse("api:campaign-list"),
        {
            "name_th": "สำรวจ",
            "area": world.khlong_toei.pk,
            "status": "open",
            "starts_on": "2026-01-01",
            "ends_on": "2026-02-01",
            "form_versions": [version.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    campaign = Campaign.objects.get()
    assert campaign.created_by == world.khlong_toei_officer
    assert list(campaign.form_versions.all()) == [version]
    url = reverse("api:campaign-detail", kwargs={"pk": campaign.pk})
    response = client.patch(url, {"status": "closed"}, content_type="application/json")
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert response.json()["accepts_submissions"] is False


def test_writes_outside_scope_or_without_the_right_are_refused(world, login):
    campaign = make_campaign(world)
    data = {"name_en": "x", "area": world.pathum_wan.pk, "status": "open"}
    pw = login(world.pathum_wan_officer)
    url = reverse("api:campaign-detail", kwargs={"pk": campaign.pk})
    assert pw.patch(url, {"name_en": "hijack"}, content_type="application/json").status_code == 404
    kt = login(world.khlong_toei_officer)
    assert (
        kt.post(reverse("api:campaign-list"), data, content_type="application/json").status_code
        == 400
    )
    secretary = login(world.tehran_secretary)  # sees places, no survey right
    assert (
        secretary.post(
            reverse("api:campaign-list"), data, content_type="application/json"
        ).status_code
        == 403
    )
    campaign.refresh_from_db()
    assert campaign.name_en != "hijack"
    assert Campaign.objects.count() == 1


def test_a_surveyor_without_the_role_in_the_area_is_refused(world, login):
    outsider = make_user("outsider")
    grant(outsider, Role.SURVEYOR, area=world.pathum_wan)
    campaign = make_campaign(world)
    url = reverse("api:campaign-detail", kwargs={"pk": campaign.pk})
    response = login(world.khlong_toei_officer).patch(
        url, {"surveyors": [outsider.pk]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not campaign.surveyors.exists()


def test_targets_and_progress(world, login):
    campaign = make_campaign(world, area=world.bangkok)
    target(campaign, world.lock_123, 10)
    submit(campaign, world.lock_123, n=4)
    client = login(world.admin)
    targets = client.get(reverse("api:campaign-targets", kwargs={"pk": campaign.pk})).json()
    assert [(t["area_code"], t["expected"]) for t in targets["results"]] == [("KT-01", 10)]
    url = reverse("api:campaign-progress", kwargs={"pk": campaign.pk})
    rows = {r["area_name"]: r for r in client.get(url).json()["results"]}
    assert (rows["Khlong Toei"]["received"], rows["Khlong Toei"]["ratio"]) == (4, 0.4)
    inner = client.get(url, {"area": world.khlong_toei.pk}).json()["results"]
    assert {r["area_code"] for r in inner} == {"KT-01", ""}
    assert client.get(url, {"area": world.tehran.pk}).status_code == 404
    assert client.get(url, {"area": "1e20"}).status_code == 404


def test_the_schema_describes_the_campaign_endpoints(world, client):
    schema = client.get(reverse("api:schema")).content.decode()
    assert "/api/campaigns/{id}/progress/" in schema
    assert "/api/campaigns/{id}/targets/" in schema
