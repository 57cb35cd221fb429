"""A closed, ended, not yet started or merely planned campaign refuses submissions, and says
why in the reader's language and calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.campaigns.services import accepts_submissions
from mahalla.surveys.models import Campaign
from mahalla.surveys.tests.campaign_helpers import make_campaign


def test_an_open_campaign_in_its_period_accepts(world):
    campaign = make_campaign(world)
    assert accepts_submissions(campaign, at=date(2026, 6, 1)) is None
    assert accepts_submissions(campaign, at=date(2026, 12, 31)) is None  # the last day counts


def test_an_open_campaign_without_dates_accepts(world):
    campaign = make_campaign(world, starts_on=None, ends_on=None)
    assert accepts_submissions(campaign) is None


def test_a_closed_campaign_refuses_even_within_its_period(world):
    campaign = make_campaign(world, status=Campaign.Status.CLOSED)
    refusal = accepts_submissions(campaign, at=date(2026, 6, 1))
    assert refusal["code"] == "surveys.campaign_closed"
    with translation.override("en"):
        assert "is closed" in render_text(refusal)


def test_an_ended_campaign_names_its_last_day_in_the_readers_calendar(world):
    campaign = make_campaign(world)
    refusal = accepts_submissions(campaign, at=date(2027, 1, 1))
    assert refusal["code"] == "surveys.campaign_ended"
    with translation.override("th"):
        assert "2569" in render_text(refusal)
    with translation.override("fa"):
        assert "۱۴۰۵" in render_text(refusal)
    with translation.override("en"):
        text = render_text(refusal)
        assert "2026" in text and "Khlong Toei survey 2569" in text


def test_a_campaign_not_started_says_when_it_starts(world):
    campaign = make_campaign(world)
    refusal = accepts_submissions(campaign, at=date(2025, 12, 31))
    assert refusal["code"] == "surveys.campaign_not_started"


def test_a_planned_campaign_refuses_until_it_is_opened(world):
    campaign = make_campaign(world, status=Campaign.Status.PLANNED)
    assert accepts_submissions(campaign, at=date(2026, 6, 1))["code"] == (
        "surveys.campaign_not_open"
    )


def test_the_day_is_the_sites_local_day(world, settings):
    settings.TIME_ZONE = "Asia/Bangkok"
    campaign = make_campaign(world)
    # 18:00 UTC on the last day is already the next day in Bangkok.
    late = datetime(2026, 12, 31, 18, 0, tzinfo=ZoneInfo("UTC"))
    assert accepts_submissions(campaign, at=late)["code"] == "surveys.campaign_ended"
