"""Who may open a form in the browser: SUBMIT on the form's area, or a campaign's team."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from mahalla.surveys.models import Campaign
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.webform_helpers import surveyor_of
from mahalla.testing import make_user


def _page(client, version, **query):
    url = reverse("surveys:webform", kwargs={"pk": version.pk})
    return client.get(url, query)


def _config(response) -> dict:
    html = response.content.decode()
    start = html.index('id="webform-config"')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


def test_a_surveyor_of_the_district_opens_the_form(world, login, version):
    response = _page(login(surveyor_of(world.khlong_toei)), version)
    assert response.status_code == 200
    assert _config(response)["submitUrl"] == f"/surveys/webforms/{version.pk}/submission/"


def test_a_surveyor_of_another_district_gets_404(world, login, version):
    assert _page(login(surveyor_of(world.pathum_wan)), version).status_code == 404


def test_someone_with_no_submit_permission_anywhere_gets_403(world, login, version):
    assert _page(login(world.no_role), version).status_code == 403


def test_a_draft_version_is_not_found_even_in_scope(world, login):
    draft = make_version(world.khlong_toei, version="2", publish=False)
    assert _page(login(world.khlong_toei_officer), draft).status_code == 404


def test_a_campaign_team_member_without_a_role_sends_for_that_campaign(world, login, version):
    volunteer = make_user("volunteer")
    campaign = Campaign.objects.create(
        area=world.pathum_wan, name_en="Pilot", status=Campaign.Status.OPEN
    )
    campaign.form_versions.add(version)
    campaign.surveyors.add(volunteer)
    response = _page(login(volunteer), version)
    assert response.status_code == 200
    assert _config(response)["submitUrl"].endswith(f"?campaign={campaign.pk}")
    assert "Pilot" in response.content.decode()


def test_a_campaign_that_does_not_hold_the_version_gives_no_access(world, login, version):
    volunteer = make_user("volunteer")
    campaign = Campaign.objects.create(area=world.khlong_toei, status=Campaign.Status.OPEN)
    campaign.surveyors.add(volunteer)
    assert _page(login(volunteer), version).status_code == 404


def test_a_campaign_in_the_address_must_be_one_of_the_persons(world, login, version):
    other = Campaign.objects.create(area=world.pathum_wan, status=Campaign.Status.OPEN)
    other.form_versions.add(version)
    officer = login(world.khlong_toei_officer)
    assert _page(officer, version, campaign=str(other.pk)).status_code == 404
    assert _page(officer, version, campaign="nonsense").status_code == 404


def test_the_list_shows_the_forms_in_scope_and_of_the_persons_campaigns(world, login, version):
    outside = make_version(world.pathum_wan, form_id="community")
    volunteer = make_user("volunteer")
    campaign = Campaign.objects.create(area=world.pathum_wan, name_en="Round 1")
    campaign.form_versions.add(outside)
    campaign.surveyors.add(volunteer)
    mine = login(surveyor_of(world.khlong_toei)).get(reverse("surveys:webform_list"))
    html = mine.content.decode()
    assert f"/surveys/webforms/{version.pk}/" in html
    assert f"/surveys/webforms/{outside.pk}/" not in html
    theirs = login(volunteer).get(reverse("surveys:webform_list")).content.decode()
    assert f"/surveys/webforms/{outside.pk}/?campaign={campaign.pk}" in theirs
    assert f'/surveys/webforms/{version.pk}/"' not in theirs
