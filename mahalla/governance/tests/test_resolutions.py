"""Writing resolutions: deadlines from periods, bad input refused whole, concurrent edits."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mahalla.governance.models import Attendance, Notice, Resolution
from mahalla.governance.services.meetings import (
    attendance_record,
    meeting_schedule,
    quorum,
    quorum_needed,
    resolutions_allowed,
)
from mahalla.governance.services.resolutions import (
    Conflict,
    progress_report_add,
    resolution_create,
    resolution_update,
)
from mahalla.governance.testing import tehran_time


@pytest.fixture
def meeting(council):
    return meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 3, 17)), invite=False
    )


def _resolution(council, meeting=None, **kwargs):
    fields = {
        "text": "پیوست اجتماعی محله تهیه شود.",
        "responsible": [council.social],
        "period_amount": 10,
        "period_unit": "working_days",
    }
    fields.update(kwargs)
    return resolution_create(body=council.body, by=council.secretary, meeting=meeting, **fields)


def test_a_period_becomes_a_deadline_on_the_body_calendar(council, meeting):
    resolution = _resolution(council, meeting)
    assert resolution.decided_on == date(2026, 3, 17)
    assert resolution.deadline == date(2026, 4, 5)  # across Nowruz
    # Three working days before (Sat 4, Thu 2 and Wed 1 April are off: back to 30 March).
    assert resolution.remind_on == date(2026, 3, 30)
    assert resolution.escalate_on == date(2026, 4, 11)  # five working days after (Sat)
    assert resolution.number == 1
    assert _resolution(council, meeting).number == 2


def test_a_deadline_before_the_meeting_is_refused(council, meeting):
    with pytest.raises(ValidationError) as caught:
        _resolution(council, meeting, deadline=date(2026, 3, 1), period_amount=None, period_unit="")
    assert "deadline" in caught.value.error_dict
    assert not Resolution.objects.exists()


def test_decided_before_the_meeting_is_refused(council, meeting):
    with pytest.raises(ValidationError) as caught:
        _resolution(council, meeting, decided_on=date(2026, 3, 10))
    assert "decided_on" in caught.value.error_dict


def test_no_organisation_no_deadline_no_text(council):
    for bad in ({"responsible": []}, {"period_amount": None, "period_unit": ""}, {"text": "  "}):
        with pytest.raises(ValidationError):
            _resolution(council, **bad)
    assert not Resolution.objects.exists()


def test_quorum_is_more_than_half(council, meeting):
    assert quorum_needed(5, 50) == 3
    assert quorum_needed(10, 50) == 6
    with pytest.raises(ValidationError):
        resolutions_allowed(meeting)  # nobody recorded present
    members = council.members
    result = attendance_record(meeting=meeting, by=None, present_ids={members[0].pk, members[1].pk})
    assert (result.present, result.members, result.needed, result.reached) == (2, 5, 3, False)
    with pytest.raises(ValidationError, match="quorum"):
        resolutions_allowed(meeting)
    result = attendance_record(meeting=meeting, by=None, present_ids={m.pk for m in members[:3]})
    assert result.reached
    resolutions_allowed(meeting)
    assert Attendance.objects.filter(meeting=meeting).count() == 5
    assert quorum(meeting).present == 3


def test_a_stranger_cannot_be_marked_present(council, meeting):
    other = meeting_schedule(
        body=council.parent, by=None, starts_at=tehran_time(date(2026, 3, 17)), invite=False
    )
    stranger = other.body.memberships.first()
    with pytest.raises(ValidationError):
        attendance_record(meeting=meeting, by=None, present_ids={stranger.pk})
    assert not Attendance.objects.exists()


def test_the_second_of_two_concurrent_edits_gets_a_conflict(council):
    resolution = _resolution(council)
    first = Resolution.objects.get(pk=resolution.pk)
    second = Resolution.objects.get(pk=resolution.pk)
    resolution_update(resolution=first, version=first.version, by=council.secretary, text="A")
    with pytest.raises(Conflict) as caught:
        resolution_update(resolution=second, version=second.version, by=council.chair, text="B")
    assert caught.value.current.text == "A"
    assert Resolution.objects.get(pk=resolution.pk).text == "A"
    assert Resolution.objects.get(pk=resolution.pk).version == 2


def test_status_done_sets_the_date_and_history_keeps_every_change(council):
    resolution = _resolution(council)
    resolution_update(resolution=resolution, version=1, by=council.secretary, status="done")
    resolution.refresh_from_db()
    assert resolution.status == "done" and resolution.done_on is not None
    resolution_update(resolution=resolution, version=2, by=council.secretary, status="open")
    resolution.refresh_from_db()
    assert resolution.done_on is None
    statuses = list(resolution.history.order_by("history_date").values_list("status", flat=True))
    # (Creation writes two rows: the resolution, then its responsible organisations.)
    changes = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert changes == ["open", "done", "open"]
    assert resolution.history.first().history_user == council.secretary


def test_a_new_deadline_recounts_the_ladder(council):
    resolution = _resolution(council)
    before = resolution.ladder_at
    resolution_update(
        resolution=resolution, version=1, by=council.secretary, deadline=date(2027, 5, 10)
    )
    resolution.refresh_from_db()
    assert resolution.deadline == date(2027, 5, 10)
    assert resolution.remind_on < resolution.deadline < resolution.escalate_on
    assert resolution.ladder_at > before


def test_a_report_reaches_the_body_and_can_move_the_status(council):
    resolution = _resolution(council)
    progress_report_add(
        resolution=resolution,
        by=council.social_focal,
        text="پیش‌نویس آماده است.",
        organisation=council.social,
        status="in_progress",
    )
    resolution.refresh_from_db()
    assert resolution.status == "in_progress"
    told = set(
        Notice.objects.filter(code="governance.report_posted").values_list("user", flat=True)
    )
    assert set(told) == {council.chair.pk, council.secretary.pk}


def test_an_empty_report_is_refused(council):
    resolution = _resolution(council)
    with pytest.raises(ValidationError):
        progress_report_add(resolution=resolution, by=council.social_focal, text=" ")
    assert not resolution.reports.exists()
