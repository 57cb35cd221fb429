"""Demo households: generated as household surveys, approved through the same services, in
Bangkok's pilot communities and Tehran's District 12; `--households N` adds the difference."""

from __future__ import annotations

import pytest

from mahalla.demo.tests.conftest import run_demo
from mahalla.places.models import Area
from mahalla.registry.demo_households import instance_ids
from mahalla.registry.models import Household
from mahalla.surveys.models import ReviewState, Submission

pytestmark = pytest.mark.django_db


def test_households_come_from_approved_surveys_in_both_cities(demo):
    ids = instance_ids(10, "households-bangkok") + instance_ids(2, "households-tehran")
    generated = Household.objects.filter(source_submission__instance_id__in=ids)
    assert generated.count() == 12
    assert not Submission.objects.filter(
        pk__in=generated.values("source_submission"), review_state=ReviewState.RECEIVED
    ).exists()
    tehran = Area.objects.get(name_en="District 12")
    in_tehran = generated.filter(area__path__startswith=tehran.path)
    assert in_tehran.count() == 2  # a sixth
    assert all(h.head_name and "\u0600" <= h.head_name[0] <= "\u06ff" for h in in_tehran)
    bangkok = generated.exclude(pk__in=in_tehran)
    # Each household lies in the community whose outline holds its point.
    assert all(h.area.level.is_community for h in bangkok.select_related("area__level"))
    assert all(h.member_count >= 1 for h in generated)
    # Each went to its district's survey round, or to the Bangkok-wide one.
    kt = Area.objects.get(name_en="Khlong Toei")
    for household in generated.select_related("area", "source_submission__campaign__area"):
        campaign = household.source_submission.campaign
        assert household.area.path.startswith(campaign.area.path)
        if household.area.path.startswith(kt.path):
            assert campaign.area == kt


def test_more_households_add_the_difference_and_a_rerun_adds_none(demo):
    before = Household.objects.count()
    run_demo(force=True, households=12)
    assert Household.objects.count() == before
    run_demo(force=True, households=18)
    assert Household.objects.count() == before + 6
