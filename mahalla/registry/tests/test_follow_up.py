"""The follow-up survey: households served to phones as households.csv, and a follow-up
submission that updates the household it names."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from mahalla.core.models import AccessLog
from mahalla.registry.default_forms import household_update
from mahalla.registry.follow_up import choice_name
from mahalla.registry.ingest.apply import apply_submission
from mahalla.registry.models import Household
from mahalla.registry.testing import submit
from mahalla.surveys.openrosa.app_users import app_user_create
from mahalla.surveys.testing import open_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(world, registry):
    return household_update.load(area=world.bangkok, user=world.admin)


@pytest.fixture
def phone(world, follow_up):
    campaign = open_campaign(world.khlong_toei, follow_up, name_en="Khlong Toei follow-up")
    return app_user_create(campaign=campaign, display_name="Team 2", user=world.khlong_toei_officer)


def _key(phone, url_name, **kwargs):
    return reverse(f"surveys:openrosa_key_{url_name}", kwargs={"token": phone.token, **kwargs})


def test_the_follow_up_form_publishes_without_uploading_the_list(follow_up):
    media = follow_up.media.get(name="households.csv")
    assert media.dataset == "registry.households" and not media.is_missing
    assert follow_up.state == "published"


def test_the_phone_gets_its_campaigns_households(world, follow_up, phone):
    client = Client()
    manifest = client.get(_key(phone, "manifest", pk=follow_up.pk)).content.decode()
    assert "<filename>households.csv</filename>" in manifest and "md5:" in manifest
    assert not AccessLog.objects.exists()  # the hash alone discloses nothing
    response = client.get(_key(phone, "media", pk=follow_up.pk, name="households.csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["label"] for r in rows} == {"สมชาย ใจดี", "มานี มีนา", "علی كريمي"}
    assert all(r["name"].startswith("hh") and r["community"] == "ล็อค 1-2-3" for r in rows)
    log = AccessLog.objects.get(action="export")
    assert log.rows == 3 and log.user is None and "Team 2" in log.detail


def test_another_districts_phone_gets_none(world, follow_up):
    campaign = open_campaign(world.pathum_wan, follow_up, name_en="Pathum Wan follow-up")
    phone = app_user_create(campaign=campaign, display_name="PW", user=world.pathum_wan_officer)
    response = Client().get(_key(phone, "media", pk=follow_up.pk, name="households.csv"))
    assert response.content.decode().strip() == "name,label,community,house_number,members"


def test_the_hash_changes_when_a_household_changes(world, follow_up, phone):
    client = Client()
    url = _key(phone, "manifest", pk=follow_up.pk)
    before = client.get(url).content
    Household.objects.filter(head_name="มานี มีนา").update(head_name="มานี มีสุข")
    assert client.get(url).content != before


def test_a_follow_up_updates_the_household_it_names(world, follow_up, phone, approve):
    household = Household.objects.get(head_name="มานี มีนา")
    assert household.income_band.code == "low"
    answers = {"household": choice_name(household.pk), "income_band": "middle", "tenure": "tenant"}
    submission = submit(follow_up, answers, campaign=phone.campaign)
    approve(submission)
    household.refresh_from_db()
    assert Household.objects.count() == 3  # updated, not added
    assert household.income_band.code == "middle" and household.tenure.code == "tenant"
    assert household.head_name == "มานี มีนา"  # left empty in the follow-up: kept
    assert household.provenance["income_band"] == submission.current_id
    assert household.provenance["head_name"] != submission.current_id
    assert household.relationships.get().tenure_type.code == "tenant"
    again = apply_submission(submission)
    assert again.updated == 0 and again.created == 0


def test_a_follow_up_cannot_reach_another_districts_household(world, follow_up, approve):
    from shapely.geometry import box

    from mahalla.places.services import area_create

    elsewhere = area_create(
        level=world.community,
        parent=world.pathum_wan,
        name_th="ชุมชนที่อื่น",
        geometry=box(100.52, 13.73, 100.53, 13.74),
    )
    other = Household.objects.create(area=elsewhere, city=world.bangkok, head_name="คนอื่น")
    campaign = open_campaign(world.khlong_toei, follow_up, name_en="KT follow-up")
    answers = {"household": choice_name(other.pk), "income_band": "middle"}
    with pytest.raises(ValidationError) as raised:
        approve(submit(follow_up, answers, campaign=campaign))
    assert "outside this survey's area" in str(raised.value)
    gone = {"household": "hh999999", "income_band": "middle"}
    with pytest.raises(ValidationError) as raised:
        approve(submit(follow_up, gone, campaign=campaign))
    assert "not a household of the registry" in str(raised.value)
