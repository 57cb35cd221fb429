"""Review states as ODK Central's, comments, history, the registry hook and version diffs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from mahalla.surveys import registry_hook
from mahalla.surveys.models import ReviewState, Submission, SubmissionComment
from mahalla.surveys.submissions import display
from mahalla.surveys.submissions.review import (
    review_targets,
    submission_comment_add,
    submission_review,
)
from mahalla.surveys.testing import make_submission, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(world):
    version = make_version(world.bangkok)
    return make_submission(version)


@pytest.fixture
def approvals():
    calls = []
    registry_hook.register_mapping("fake", calls.append)
    yield calls
    registry_hook.unregister_mapping("fake")


def test_approving_calls_the_registry_mapping_once(world, submission, approvals):
    submission.form.registry_mapping = "fake"
    submission.form.save()
    officer = world.khlong_toei_officer
    submission_review(submission=submission, user=officer, state="has_issues", comment="Age?")
    submission_review(submission=submission, user=officer, state="rejected", comment="No")
    assert approvals == []
    submission_review(submission=submission, user=officer, state="approved")
    assert [s.pk for s in approvals] == [submission.pk]
    with pytest.raises(ValidationError):
        submission_review(submission=submission, user=officer, state="approved")
    assert len(approvals) == 1


def test_a_failing_mapping_leaves_the_approval_undone(world, submission):
    def broken(sub):
        raise RuntimeError("registry down")

    registry_hook.register_mapping("broken", broken)
    submission.form.registry_mapping = "broken"
    submission.form.save()
    try:
        with pytest.raises(RuntimeError):
            submission_review(
                submission=submission, user=world.khlong_toei_officer, state="approved"
            )
    finally:
        registry_hook.unregister_mapping("broken")
    assert Submission.objects.get().review_state == ReviewState.RECEIVED


def test_reviewers_choose_has_issues_approved_or_rejected_only(world, submission):
    assert review_targets(submission) == ["has_issues", "approved", "rejected"]
    for state in ("received", "edited", "nonsense"):
        with pytest.raises(ValidationError):
            submission_review(submission=submission, user=world.khlong_toei_officer, state=state)


def test_has_issues_and_rejected_need_a_comment(world, submission):
    for state in ("has_issues", "rejected"):
        with pytest.raises(ValidationError):
            submission_review(
                submission=submission, user=world.khlong_toei_officer, state=state, comment=" "
            )
    assert Submission.objects.get().review_state == "received"


def test_review_needs_the_permission_in_scope(world, submission):
    for person in (world.pathum_wan_officer, world.no_role, world.treasurer):
        with pytest.raises(PermissionDenied):
            submission_review(submission=submission, user=person, state="approved")


def test_history_says_who_changed_the_state(world, submission):
    submission_review(
        submission=submission, user=world.khlong_toei_officer, state="has_issues", comment="x"
    )
    latest = Submission.history.filter(id=submission.pk).order_by("-history_date").first()
    assert latest.review_state == "has_issues"
    assert latest.history_user == world.khlong_toei_officer
    comment = SubmissionComment.objects.get()
    assert (comment.author, comment.review_state, comment.body) == (
        world.khlong_toei_officer,
        "has_issues",
        "x",
    )


def test_the_surveyor_may_answer_on_their_own_submission_only(world):
    version = make_version(world.bangkok)
    own = make_submission(version, user=world.treasurer)
    other = make_submission(version)
    submission_comment_add(submission=own, user=world.treasurer, body="Fixed the age")
    with pytest.raises(PermissionDenied):
        submission_comment_add(submission=other, user=world.treasurer, body="hi")
    with pytest.raises(ValidationError):
        submission_comment_add(submission=own, user=world.treasurer, body="   ")


def test_an_edit_sets_edited_once_and_a_reparse_keeps_later_states(world, submission):
    from mahalla.surveys.submissions.processing import process_version

    submission_review(submission=submission, user=world.khlong_toei_officer, state="approved")
    version = submission.current.form_version
    edited = make_submission(
        version,
        submission=submission,
        instance_id="uuid:edit-1",
        deprecated_id=submission.instance_id,
        members=[("สมชาย", 55, "elderly"), ("มานี", 12, ""), ("ใหม่", 1, "")],
    )
    assert edited.review_state == ReviewState.EDITED
    submission_review(submission=edited, user=world.khlong_toei_officer, state="approved")
    process_version(edited.current_id)
    assert Submission.objects.get().review_state == ReviewState.APPROVED


def test_the_diff_names_questions_and_repeat_rows_in_the_readers_language(world, submission):
    version = submission.current.form_version
    old = submission.current.data
    edited = make_submission(
        version,
        submission=submission,
        instance_id="uuid:edit-2",
        deprecated_id=submission.instance_id,
        tenure="owner",
        members=[("สมชาย", 55, "elderly"), ("มานี", 12, ""), ("ใหม่", 1, "disability")],
    )
    with translation.override("th"):
        changes = display.diff(version.fields, old, edited.current.data)
    found = {(c.label, c.where): (c.old, c.new, c.kind) for c in changes}
    assert found[("การถือครอง", "")] == ("ผู้เช่า", "เจ้าของ", "changed")
    assert found[("อายุ", "สมาชิก 1")] == ("54", "55", "changed")
    assert found[("ชื่อ", "สมาชิก 3")] == ("", "ใหม่", "added")
    assert found[("ความต้องการ", "สมาชิก 3")] == ("", "ความพิการ", "added")
    assert not any(c.label == "instanceID" for c in changes)
    with translation.override("fa"):
        changes = display.diff(version.fields, old, edited.current.data)
    assert ("سن", "اعضا ۱") in {(c.label, c.where) for c in changes}
