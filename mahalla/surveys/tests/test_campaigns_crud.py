"""Creating, editing and closing campaigns through their pages, in the reader's calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role
from mahalla.surveys.models import Campaign
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.campaign_helpers import make_campaign
from mahalla.testing import grant, make_user


def _officer(world, language: str):
    officer = world.khlong_toei_officer
    officer.language = language
    officer.save()
    return officer


def _data(world, **overrides):
    return {
        "name_th": "สำรวจคลองเตย",
        "name_fa": "",
        "name_en": "Khlong Toei survey",
        "area": world.khlong_toei.pk,
        "status": Campaign.Status.PLANNED,
        "starts_on": "",
        "ends_on": "",
        **overrides,
    }


def test_a_thai_officer_types_the_period_in_buddhist_era_with_thai_digits(world, login):
    version = make_version(world.khlong_toei)
    client = login(_officer(world, "th"))
    data = _data(world, starts_on="๑/๒/๒๕๖๙", ends_on="๓๑/๓/๒๕๖๙", form_versions=[version.pk])
    response = client.post(reverse("surveys:campaign_create"), data)
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:campaign_targets", kwargs={"pk": campaign.pk})
    assert (campaign.starts_on, campaign.ends_on) == (date(2026, 2, 1), date(2026, 3, 31))
    assert list(campaign.form_versions.all()) == [version]
    assert campaign.created_by == world.khlong_toei_officer
    page = client.get(reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk}))
    assert "2569" in page.content.decode()  # shown back in the Buddhist Era


def test_a_persian_facilitator_types_solar_hijri_dates_in_persian_digits(world, login):
    officer = make_user("tehran_officer", language="fa")
    grant(officer, Role.DISTRICT_OFFICER, area=world.tehran)
    client = login(officer)
    data = _data(
        world,
        name_th="",
        name_en="",
        name_fa="پیمایش محله",
        area=world.tehran_d12.pk,
        starts_on="۱۴۰۵/۰۱/۰۱",
        ends_on="۱۴۰۵/۰۳/۳۱",
    )
    response = client.post(reverse("surveys:campaign_create"), data)
    assert response.status_code == 302, response.content.decode()
    campaign = Campaign.objects.get()
    assert campaign.starts_on == date(2026, 3, 21)  # Nowruz 1405
    assert campaign.ends_on == date(2026, 6, 21)
    edit = client.get(reverse("surveys:campaign_update", kwargs={"pk": campaign.pk}))
    assert "۱۴۰۵/۰۱/۰۱" in edit.content.decode()  # the field shows the date back in fa


def test_a_date_that_does_not_exist_is_refused_in_the_readers_words(world, login):
    client = login(_officer(world, "th"))
    response = client.post(reverse("surveys:campaign_create"), _data(world, starts_on="๓๑/๒/๒๕๖๙"))
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert 'id="field-starts_on"' in response.content.decode()
    assert response.context["form"].errors["starts_on"]


def test_an_end_before_the_start_is_refused(world, login):
    client = login(_officer(world, "en"))
    data = _data(world, starts_on="2026-05-01", ends_on="2026-04-01")
    response = client.post(reverse("surveys:campaign_create"), data)
    assert "ends_on" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_a_campaign_needs_a_name(world, login):
    client = login(_officer(world, "en"))
    data = _data(world, name_th="", name_en="")
    response = client.post(reverse("surveys:campaign_create"), data)
    assert response.context["form"].non_field_errors()
    assert not Campaign.objects.exists()


def test_the_area_must_be_in_the_managers_scope(world, login):
    client = login(_officer(world, "en"))
    response = client.post(
        reverse("surveys:campaign_create"), _data(world, area=world.pathum_wan.pk)
    )
    assert "area" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_only_published_versions_of_visible_forms_are_offered(world, login):
    mine = make_version(world.khlong_toei, form_id="kt")
    draft = make_version(world.khlong_toei, form_id="kt", version="2", publish=False)
    other = make_version(world.pathum_wan, form_id="pw")
    client = login(_officer(world, "en"))
    offered = set(
        client.get(reverse("surveys:campaign_create"))
        .context["form"]
        .fields["form_versions"]
        .queryset
    )
    assert offered == {mine}
    response = client.post(
        reverse("surveys:campaign_create"), _data(world, form_versions=[other.pk])
    )
    assert "form_versions" in response.context["form"].errors
    assert draft not in offered


def test_closing_asks_for_a_confirmation(world, login):
    campaign = make_campaign(world)
    client = login(_officer(world, "en"))
    url = reverse("surveys:campaign_update", kwargs={"pk": campaign.pk})
    data = _data(world, status=Campaign.Status.CLOSED, name_th=campaign.name_th)
    response = client.post(url, data)
    assert "confirm_close" in response.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN
    response = client.post(url, {**data, "confirm_close": "on", "reason": "done"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED
    assert campaign.history.first().history_change_reason == "done"


def test_surveyors_are_chosen_among_people_who_may_submit_and_gain_no_role(world, login):
    volunteer = make_user("volunteer", first_name="Noi")
    grant(volunteer, Role.SURVEYOR, area=world.lock_123)
    outsider = make_user("outsider", first_name="Far")
    grant(outsider, Role.SURVEYOR, area=world.pathum_wan)
    campaign = make_campaign(world)
    grants_before = RoleGrant.objects.count()
    client = login(_officer(world, "en"))
    url = reverse("surveys:campaign_update", kwargs={"pk": campaign.pk})
    data = _data(world, status=Campaign.Status.OPEN)
    offered = set(client.get(url).context["form"].fields["surveyors"].queryset)
    assert volunteer in offered
    assert outsider not in offered
    assert world.treasurer not in offered  # may see Lock 1-2-3, may not submit
    refused = client.post(url, {**data, "surveyors": [outsider.pk]})
    assert "surveyors" in refused.context["form"].errors
    assert client.post(url, {**data, "surveyors": [volunteer.pk]}).status_code == 302
    assert list(campaign.surveyors.all()) == [volunteer]
    assert RoleGrant.objects.count() == grants_before


def test_the_campaign_page_shows_its_history(world, login):
    client = login(_officer(world, "en"))
    client.post(reverse("surveys:campaign_create"), _data(world))
    campaign = Campaign.objects.get()
    url = reverse("surveys:campaign_update", kwargs={"pk": campaign.pk})
    client.post(url, _data(world, name_en="Khlong Toei survey 2569", reason="add the year"))
    page = client.get(reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk}))
    html = page.content.decode()
    assert 'id="history"' in html
    assert "add the year" in html
    assert "Khlong Toei survey 2569" in html


@pytest.mark.parametrize("language", ["th", "fa", "en"])
def test_the_form_puts_the_readers_name_first(world, login, language):
    client = login(_officer(world, language))
    form = client.get(reverse("surveys:campaign_create")).context["form"]
    assert list(form.fields)[0] == f"name_{language}"
