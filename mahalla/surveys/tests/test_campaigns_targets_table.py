"""Targets typed into a table of the areas of one level beneath the campaign's area."""

from __future__ import annotations

from django.urls import reverse

from mahalla.surveys.models import CampaignTarget
from mahalla.surveys.tests.campaign_helpers import make_campaign, target


def _url(campaign):
    return reverse("surveys:campaign_targets", kwargs={"pk": campaign.pk})


def test_the_table_lists_the_communities_of_the_campaign_area(world, login):
    campaign = make_campaign(world)
    form = login(world.khlong_toei_officer).get(_url(campaign)).context["form"]
    assert {area.pk for area in form.areas} == {world.lock_123.pk, world.rim_khlong.pk}


def test_counts_in_thai_digits_are_saved_and_an_empty_cell_removes_a_target(world, login):
    campaign = make_campaign(world)
    target(campaign, world.rim_khlong, 9)
    officer = world.khlong_toei_officer
    officer.language = "th"
    officer.save()
    client = login(officer)
    level = world.community.pk
    response = client.post(
        f"{_url(campaign)}?level={level}",
        {f"area_{world.lock_123.pk}": "๑๒๐", f"area_{world.rim_khlong.pk}": "", "reason": "ok"},
    )
    assert response.status_code == 302
    assert dict(CampaignTarget.objects.values_list("area_id", "expected")) == {
        world.lock_123.pk: 120
    }


def test_a_bad_number_saves_nothing(world, login):
    campaign = make_campaign(world)
    client = login(world.khlong_toei_officer)
    response = client.post(
        f"{_url(campaign)}?level={world.community.pk}",
        {f"area_{world.lock_123.pk}": "12", f"area_{world.rim_khlong.pk}": "-4"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not CampaignTarget.objects.exists()


def test_a_level_above_the_campaign_area_is_not_offered(world, login):
    campaign = make_campaign(world)
    client = login(world.khlong_toei_officer)
    response = client.get(_url(campaign), {"level": world.province.pk})
    assert response.context["level"] is None
    assert "level" in response.context["level_form"].errors


def test_a_viewer_without_manage_rights_cannot_reach_the_table(world, login):
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    manager = make_user("nh_manager")
    grant(manager, Role.NEIGHBOURHOOD_MANAGER, area=world.khlong_toei)  # reviews, no manage
    campaign = make_campaign(world)
    client = login(manager)
    assert (
        client.get(reverse("surveys:campaign_detail", kwargs={"pk": campaign.pk})).status_code
        == 200
    )
    assert client.get(_url(campaign)).status_code == 403
