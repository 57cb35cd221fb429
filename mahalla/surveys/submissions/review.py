"""Review of submissions: states, comments, and the call into the registry on approval.

States follow ODK Central's: a submission arrives "received"; a reviewer marks it
"has issues", "approved" or "rejected" (from any state, to any other of these three); an edit
sent from the device (a new version naming a deprecatedID) sets "edited" — only the system
does that. Every change is kept by the submission's history (who, when); the comment
written with a change records the state it was written in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.surveys import registry_hook
from mahalla.surveys.models import ReviewState, Submission, SubmissionComment, SubmissionVersion

REVIEWER_STATES = (ReviewState.HAS_ISSUES, ReviewState.APPROVED, ReviewState.REJECTED)
# The surveyor must learn why: these states need a comment.
NEEDS_COMMENT = (ReviewState.HAS_ISSUES, ReviewState.REJECTED)
COMMENT_MAX = 5000


def review_targets(submission: Submission) -> list[str]:
    """States a reviewer may set now."""
    return [s for s in REVIEWER_STATES if s != submission.review_state]


def may_review(user: Any, submission: Submission) -> bool:
    return has_perm(user, Perm.REVIEW_SUBMISSIONS, submission)


def may_comment(user: Any, submission: Submission) -> bool:
    own = user.is_authenticated and submission.submitted_by_id == user.pk
    return own or may_review(user, submission)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if len(body) > COMMENT_MAX:
        raise ValidationError(
            _("A comment may have at most %(count)s characters.") % {"count": COMMENT_MAX}
        )
    return body


def submission_review(
    *, submission: Submission, user: Any, state: str, comment: str = ""
) -> Submission:
    """Set a review state (with an optional comment); approving calls the registry hook."""
    if not may_review(user, submission):
        raise PermissionDenied
    body = _clean_body(comment)
    if state not in REVIEWER_STATES:
        raise ValidationError(_("This review state cannot be chosen."))
    if state in NEEDS_COMMENT and not body:
        raise ValidationError(_("Say in a comment what is wrong, so the surveyor can fix it."))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().select_related("form").get(pk=submission.pk)
        if locked.review_state == state:
            raise ValidationError(_("The submission is already in this state."))
        locked.review_state = state
        locked._history_user = user
        locked.save(update_fields=["review_state", "updated_at"])
        if body:
            SubmissionComment.objects.create(
                submission=locked, author=user, body=body, review_state=state
            )
        if state == ReviewState.APPROVED:
            # In the same transaction: a mapping that fails leaves the approval undone.
            registry_hook.on_approved(locked)
    return locked


def submission_comment_add(*, submission: Submission, user: Any, body: str) -> SubmissionComment:
    """A comment without a change of state (a reviewer's note, or the surveyor's answer)."""
    if not may_comment(user, submission):
        raise PermissionDenied
    body = _clean_body(body)
    if not body:
        raise ValidationError(_("Write a comment first."))
    return SubmissionComment.objects.create(
        submission=submission, author=user, body=body, review_state=submission.review_state
    )


def submission_mark_edited(*, submission: Submission, version: SubmissionVersion) -> bool:
    """An edit arrived: the state becomes "edited" (once; a re-parse changes nothing)."""
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.review_state == ReviewState.EDITED or locked.current_id not in (None, version.pk):
            return False
        locked.review_state = ReviewState.EDITED
        locked._history_user = version.submitted_by
        locked.save(update_fields=["review_state", "updated_at"])
    submission.review_state = ReviewState.EDITED
    return True
