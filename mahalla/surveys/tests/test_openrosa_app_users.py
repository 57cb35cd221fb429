# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""App-user pages of a campaign (list, add, revoke, QR codes) and the Collect settings code."""

from __future__ import annotations

import base64
import zlib

import pytest
from django.urls import reverse

from mahalla.surveys.models import AppUser, Campaign
from mahalla.surveys.openrosa.app_users import (
    collect_settings,
    read_payload,
    settings_payload,
)
from mahalla.surveys.tests.openrosa_fixtures import app_user, campaign, version  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_officer_lists_and_adds_app_users(login, world, campaign, app_user):
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:app_user_list", kwargs={"pk": campaign.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Team 1" in page.content.decode()
    response = client.post(url, {"display_name": "  Team 2 phone "})
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:app_user_codes", kwargs={"pk": campaign.pk})
    added = AppUser.objects.get(display_name="Team 2 phone")
    assert added.campaign == campaign and added.created_by == world.khlong_toei_officer
    assert len(added.token) == 64 and added.token != app_user.token
    assert client.post(url, {"display_name": ""}).status_code == 400
    assert AppUser.objects.count() == 2


def test_out_of_scope_and_permissionless_people_are_refused(login, world, campaign, app_user):
    url = reverse("surveys:app_user_list", kwargs={"pk": campaign.pk})
    assert login(world.pathum_wan_officer).post(url, {"display_name": "x"}).status_code == 404
    assert login(world.treasurer).get(url).status_code == 403
    revoke = reverse("surveys:app_user_revoke", kwargs={"pk": app_user.pk})
    assert login(world.pathum_wan_officer).post(revoke).status_code == 404
    assert AppUser.objects.get().is_active and AppUser.objects.count() == 1


def test_revoking_asks_first_then_the_token_stops_working(login, client, world, app_user):
    officer = login(world.khlong_toei_officer)
    url = reverse("surveys:app_user_revoke", kwargs={"pk": app_user.pk})
    confirm = officer.get(url)
    assert confirm.status_code == 200 and "revoke-confirm" in confirm.content.decode()
    app_user.refresh_from_db()
    assert app_user.is_active
    assert officer.post(url).status_code == 302
    app_user.refresh_from_db()
    assert app_user.revoked_by == world.khlong_toei_officer and not app_user.is_active
    form_list = reverse("surveys:openrosa_key_form_list", kwargs={"token": app_user.token})
    assert client.get(form_list).status_code == 403
    assert officer.get(url).status_code == 404  # nothing left to revoke


def test_the_codes_page_shows_an_inline_svg_per_active_app_user(login, world, campaign, app_user):
    revoked = AppUser.objects.create(campaign=campaign, display_name="Lost phone", token="t" * 64)
    revoked.revoked_at = revoked.created_at
    revoked.save()
    response = login(world.khlong_toei_officer).get(
        reverse("surveys:app_user_codes", kwargs={"pk": campaign.pk})
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert html.count("<svg") == 1 and 'class="collect-qr"' in html
    assert "Lost phone" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "style=" not in svg and "<script" not in svg
    assert app_user.token in html  # the server address, for setting up by hand


def test_collect_settings_are_zlib_and_base64_as_central_makes_them(rf, app_user):
    request = rf.get("/", secure=True)
    settings = collect_settings(request, app_user)
    assert settings["general"] == {
        "server_url": f"https://testserver/surveys/openrosa/key/{app_user.token}",
        "form_update_mode": "match_exactly",
        "autosend": "wifi_and_cellular",
    }
    assert settings["admin"] == {}
    assert settings["project"]["name"] == "Khlong Toei 2026 – Team 1"
    assert settings["project"]["icon"] == "K" and settings["project"]["color"].startswith("#")
    payload = settings_payload(settings)
    raw = base64.b64decode(payload)
    assert raw[:1] == b"\x78"  # a zlib stream, as pako.deflate writes
    assert zlib.decompress(raw).startswith(b'{"general":')
    assert read_payload(payload) == settings


def test_the_server_url_in_the_code_is_the_one_collect_appends_formlist_to(client, rf, app_user):
    url = collect_settings(rf.get("/"), app_user)["general"]["server_url"]
    response = client.get(url.removeprefix("http://testserver") + "/formList")
    assert response.status_code == 200 and b"household" in response.content


def test_demo_build_creates_app_users(world, campaign):
    from mahalla.surveys.openrosa import demo

    created = demo.build(campaign)
    assert len(created) == 2
    assert all(a.campaign == campaign and a.is_active for a in created)
    assert demo.build(campaign) == created  # run twice: nothing added
    assert Campaign.objects.get().app_users.count() == 2
