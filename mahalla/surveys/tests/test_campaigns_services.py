"""The campaign services refuse what the pages cannot send but a script could."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mahalla.people.roles import Role
from mahalla.surveys.campaigns.services import campaign_save, surveyor_candidates, targets_set
from mahalla.surveys.models import Campaign, CampaignTarget
from mahalla.surveys.tests.campaign_helpers import make_campaign
from mahalla.testing import grant, make_user


def test_targets_outside_the_campaign_area_are_refused_and_nothing_is_written(world):
    campaign = make_campaign(world)
    with pytest.raises(ValueError, match="outside"):
        targets_set(
            campaign=campaign,
            expected={world.lock_123.pk: 5, world.pathum_wan.pk: 3},
            by=None,
        )
    assert not CampaignTarget.objects.exists()


def test_targets_set_creates_updates_and_removes(world):
    campaign = make_campaign(world)
    assert targets_set(campaign=campaign, expected={world.lock_123.pk: 5}, by=None) == {
        "created": 1,
        "updated": 0,
        "removed": 0,
    }
    counts = targets_set(
        campaign=campaign, expected={world.lock_123.pk: None, world.rim_khlong.pk: 2}, by=None
    )
    assert counts == {"created": 1, "updated": 0, "removed": 1}
    assert dict(CampaignTarget.objects.values_list("area_id", "expected")) == {
        world.rim_khlong.pk: 2
    }


def test_a_surveyor_of_a_community_or_of_the_city_may_join_a_district_campaign(world):
    city = make_user("city_surveyor")
    grant(city, Role.SURVEYOR, area=world.bangkok)
    community = make_user("community_surveyor")
    grant(community, Role.SURVEYOR, area=world.lock_123)
    elsewhere = make_user("elsewhere")
    grant(elsewhere, Role.SURVEYOR, area=world.pathum_wan)
    revoked = make_user("revoked")
    old = grant(revoked, Role.SURVEYOR, area=world.lock_123)
    old.revoked_at = timezone.now()
    old.save()
    people = set(surveyor_candidates(world.khlong_toei))
    assert {city, community} <= people
    assert elsewhere not in people and revoked not in people


def test_campaign_save_ignores_people_who_may_not_submit_there(world):
    campaign = make_campaign(world)
    campaign_save(campaign=campaign, by=None, surveyors=[world.pathum_wan_officer])
    assert not campaign.surveyors.exists()


def test_campaign_save_validates_the_model(world):
    with pytest.raises(ValidationError):
        campaign_save(campaign=Campaign(area=world.khlong_toei, status="bogus"), by=None)


def test_the_api_list_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for number in range(30):
        make_campaign(world, name_en=f"Round {number}")
    client = login(world.khlong_toei_officer)
    client.get(reverse("api:campaign-list"))
    with django_assert_max_num_queries(10):
        body = client.get(reverse("api:campaign-list")).json()
    assert body["count"] == 30
