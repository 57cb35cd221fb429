"""Approving a default form's submission fills the registry, once, with provenance."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mahalla.registry.ingest.apply import apply_submission
from mahalla.registry.models import (
    FormMapping,
    Household,
    Member,
    SettlementProfile,
    SpatialUnit,
    TenureRelationship,
    Value,
)
from mahalla.registry.testing import default_versions, household_answers, profile_answers, submit
from mahalla.surveys.models import ReviewState
from mahalla.surveys.submissions.review import submission_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(world):
    return default_versions(world.bangkok, user=world.admin)


def _approve(submission, user):
    return submission_review(submission=submission, user=user, state=ReviewState.APPROVED)


def test_approving_a_household_creates_the_household_its_members_and_tenure(world, versions):
    _community, household_form = versions
    submission = submit(household_form, household_answers())
    assert not Household.objects.exists()
    _approve(submission, world.khlong_toei_officer)

    household = Household.objects.get()
    assert household.area == world.lock_123  # the community holding the location
    assert household.city_id == world.bangkok.pk
    assert household.head_name == "สมชาย ใจดี"
    assert household.income_band.code == "low"
    assert household.income_band.name_th == "ต่ำ (พอแค่ค่าอาหาร)"  # from the form's labels
    assert household.tenure.list == "tenure_type" and household.tenure.code == "occupant"
    assert household.savings_member is True
    assert household.member_count == 2
    assert household.source_submission == submission
    assert household.provenance["head_name"] == submission.current_id
    assert household.provenance["tenure"] == submission.current_id
    # Only what the mapping filled: not the fields the registry derives (city, search text).
    assert set(household.provenance) == {
        "location", "head_name", "income_band", "house_condition", "tenure", "savings_member",
    }  # fmt: skip
    members = list(household.members.order_by("position"))
    assert [(m.name, m.age, m.sex.code) for m in members] == [
        ("สมชาย ใจดี", 67, "male"),
        ("มานี ใจดี", 12, "female"),
    ]
    assert members[0].chronic_illness is True and members[0].elderly_alone is False
    assert members[1].disability is True and members[1].elderly_alone is None
    relationship = TenureRelationship.objects.get()
    assert relationship.household == household
    assert relationship.spatial_unit.kind == SpatialUnit.Kind.STRUCTURE
    assert relationship.spatial_unit.area == world.lock_123
    assert relationship.tenure_type == household.tenure
    assert household.history.count() == 1
    assert household.history.get().history_user == world.khlong_toei_officer


def test_applying_again_changes_nothing(world, versions):
    _community, household_form = versions
    submission = submit(household_form, household_answers())
    _approve(submission, world.khlong_toei_officer)
    counts = (Household.history.count(), Member.history.count(), TenureRelationship.objects.count())
    outcome = apply_submission(submission)
    assert outcome.created == outcome.updated == 0
    assert outcome.unchanged == 5  # household, two members, structure, relationship
    assert (
        Household.history.count(),
        Member.history.count(),
        TenureRelationship.objects.count(),
    ) == counts
    assert Household.objects.count() == 1


def test_an_edited_submission_approved_again_updates_the_same_records(world, versions):
    _community, household_form = versions
    submission = submit(household_form, household_answers())
    officer = world.khlong_toei_officer
    _approve(submission, officer)
    first_version = submission.current_id
    edited = household_answers(
        head_name="สมชาย ใจดีมาก",
        members=[{"member_name": "สมชาย ใจดี", "age": 68, "sex": "male"}],
    )
    submit(household_form, edited, submission=submission, deprecated_id=submission.instance_id)
    submission.refresh_from_db()
    submission_review(
        submission=submission, user=officer, state=ReviewState.HAS_ISSUES, comment="?"
    )
    _approve(submission, officer)

    household = Household.objects.get()
    assert household.head_name == "สมชาย ใจดีมาก"
    assert household.member_count == 1
    assert household.provenance["head_name"] == submission.current_id != first_version
    assert list(household.members.filter(is_deleted=False).values_list("age", flat=True)) == [68]
    assert household.members.get(position=2).is_deleted  # the row the edit removed
    assert household.history.count() == 2


def test_a_community_profile_fills_a_settlement_profile(world, versions):
    community_form, _household = versions
    submission = submit(community_form, profile_answers())
    _approve(submission, world.khlong_toei_officer)
    profile = SettlementProfile.objects.get()
    assert profile.area == world.lock_123
    assert profile.land_owner_type.code == "state_agency"
    assert profile.tenure_situation.list == "tenure_situation"
    assert profile.eviction_threat.code == "notice"
    assert (profile.houses, profile.households, profile.population) == (120, 140, 560)
    assert profile.access_road_width == Decimal("2.50")
    assert sorted(profile.hazards.values_list("code", flat=True)) == ["fire", "flood"]
    assert list(profile.services.values_list("code", flat=True)) == ["school"]
    assert profile.has_community_organisation is True
    assert profile.provenance["population"] == submission.current_id
    assert SpatialUnit.objects.filter(area=world.lock_123, kind="community").count() == 1
    assert apply_submission(submission).unchanged == 1


def test_two_rounds_make_a_time_series(world, versions):
    community_form, _household = versions
    officer = world.khlong_toei_officer
    _approve(submit(community_form, profile_answers(households=140, population=560)), officer)
    _approve(submit(community_form, profile_answers(households=150, population=600)), officer)
    profiles = SettlementProfile.objects.filter(area=world.lock_123)
    assert sorted(profiles.values_list("households", flat=True)) == [140, 150]
    assert SpatialUnit.objects.filter(area=world.lock_123, kind="community").count() == 1


def test_a_total_that_does_not_add_up_is_refused_and_the_approval_undone(world, versions):
    community_form, _household = versions
    submission = submit(community_form, profile_answers(households=140, population=20))
    with pytest.raises(ValidationError) as raised:
        _approve(submission, world.khlong_toei_officer)
    assert "Population (20) is smaller than the number of households (140)" in str(raised.value)
    submission.refresh_from_db()
    assert submission.review_state == ReviewState.RECEIVED
    assert not SettlementProfile.objects.exists()


def test_a_wrong_answer_is_named_and_nothing_written(world, versions):
    _community, household_form = versions
    submission = submit(household_form, household_answers(savings_member="perhaps"))
    with pytest.raises(ValidationError) as raised:
        _approve(submission, world.khlong_toei_officer)
    assert "savings group member" in str(raised.value)
    assert not Household.objects.exists() and not Member.objects.exists()


def test_a_mapping_to_a_question_the_version_lacks_is_refused(world, versions):
    _community, household_form = versions
    submission = submit(household_form, household_answers())
    mapping = FormMapping.objects.filter(form=household_form.form).first()
    if mapping is None:
        from mahalla.registry.mapping import ensure_default_mapping

        mapping = ensure_default_mapping(household_form.form)
    mapping.fields.filter(target="head_name").update(source="/gone/head_name")
    with pytest.raises(ValidationError) as raised:
        _approve(submission, world.khlong_toei_officer)
    assert "/gone/head_name" in str(raised.value)
    assert not Household.objects.exists()


def test_a_form_without_a_mapping_changes_nothing(world):
    from mahalla.surveys.testing import make_submission, make_version

    submission = make_submission(make_version(world.bangkok))
    _approve(submission, world.khlong_toei_officer)
    assert not Household.objects.exists() and not FormMapping.objects.exists()


def test_a_choice_the_list_lacks_is_added_from_the_form(world, versions):
    from mahalla.registry.mapping import ensure_default_mapping

    _community, household_form = versions
    ensure_default_mapping(household_form.form)  # the form's choices fill the lists
    assert Value.objects.filter(list="occupation").count() == 8
    Value.objects.filter(list="occupation", code="retired").delete()  # an admin removed it
    _approve(submit(household_form, household_answers()), world.khlong_toei_officer)
    retired = Value.objects.get(list="occupation", code="retired")
    assert (retired.name_en, retired.name_th, retired.name_fa) == ("Retired", "เกษียณ", "بازنشسته")
    assert Value.objects.filter(list="evidence_type", code="title_deed").exists()  # migration


def test_the_survey_day_is_the_surveyors_day(world, versions):
    from datetime import UTC, date, datetime

    from mahalla.surveys.models import SubmissionVersion
    from mahalla.testing import make_user

    surveyor = make_user("somsri", language="th")
    _community, household_form = versions
    submission = submit(household_form, household_answers(), user=surveyor)
    # 23:30 in UTC is 06:30 the next morning in Bangkok.
    late = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    SubmissionVersion.objects.filter(pk=submission.current_id).update(received_at=late)
    outcome = apply_submission(submission)
    assert outcome.records[0].observed_on == date(2026, 12, 1)
