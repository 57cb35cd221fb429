from __future__ import annotations

import pytest

from mahalla.registry.testing import default_versions, household_answers, profile_answers, submit
from mahalla.surveys.models import ReviewState
from mahalla.surveys.submissions.review import submission_review


@pytest.fixture
def versions(world):
    return default_versions(world.bangkok, user=world.admin)


@pytest.fixture
def approve(world):
    def _approve(submission, user=None):
        return submission_review(
            submission=submission,
            user=user or world.khlong_toei_officer,
            state=ReviewState.APPROVED,
        )

    return _approve


@pytest.fixture
def registry(world, versions, approve):
    """Lock 1-2-3 surveyed twice, and three of its households (one Persian-named)."""
    community, household = versions
    approve(submit(community, profile_answers(households=140, population=560)))
    approve(submit(community, profile_answers(households=150, population=600)))
    made = []
    for name, members in (
        ("สมชาย ใจดี", None),
        ("มานี มีนา", [{"member_name": "มานี มีนา", "age": 34, "sex": "female"}]),
        ("علی كريمي", [{"member_name": "علی كريمي", "age": 3, "sex": "male"}]),
    ):
        answers = household_answers(head_name=name)
        if members is not None:
            answers["members"] = members
        submission = submit(household, answers)
        approve(submission)
        made.append(submission)
    return made
