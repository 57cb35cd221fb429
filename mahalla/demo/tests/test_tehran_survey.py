"""The demo has a Persian survey too: Tehran's district 12 campaign, its own surveyor and
Persian households, some reviewed by Sanglaj's neighbourhood manager."""

from __future__ import annotations

from mahalla.people.models import User
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.registry.demo_households import instance_ids
from mahalla.surveys.models import Campaign, ReviewState, Submission
from mahalla.surveys.webforms.access import fillable_versions


def test_tehran_district_12_has_a_persian_campaign_with_households(demo):
    campaign = Campaign.objects.get(area__code="12", area__level__code="district")
    assert "۱۴۰۵" in campaign.name_fa
    surveyor = User.objects.get(username="surveyor_d12")
    assert surveyor.language == "fa"
    assert campaign.surveyors.filter(pk=surveyor.pk).exists()
    assert fillable_versions(surveyor).filter(form__xml_form_id="household_survey").exists()
    submissions = Submission.objects.filter(campaign=campaign, form__xml_form_id="household_survey")
    # The survey demo's 60, beside the registry demo's households (two at the tests' size).
    ours = instance_ids(2, "households-tehran")
    assert submissions.exclude(instance_id__in=ours).count() == 60
    assert submissions.filter(instance_id__in=ours).count() == 2
    submissions = submissions.exclude(instance_id__in=ours)
    assert not submissions.filter(area=None).exists()  # each placed in its neighbourhood
    manager = User.objects.get(username="manager_d12")
    reviewed = for_user(manager, Perm.REVIEW_SUBMISSIONS, submissions).exclude(
        review_state=ReviewState.RECEIVED
    )
    assert reviewed.count() == 5
    assert reviewed.filter(review_state=ReviewState.HAS_ISSUES).count() == 1
