"""The daily escalation job: reminder, overdue, parent body; once each; one digest a day;
a dead worker leaves nothing half-done; minutes reminders."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone, translation

from mahalla.core.jobs.leases import JobStatus, reap_abandoned
from mahalla.governance.models import EscalationRun, Notice
from mahalla.governance.services import escalation
from mahalla.governance.services.escalation import escalate, escalation_run, ladder
from mahalla.governance.services.meetings import meeting_schedule
from mahalla.governance.services.resolutions import resolution_create
from mahalla.governance.templatetags.governance_notices import notice_message
from mahalla.governance.testing import tehran_time


@pytest.fixture
def resolution(council):
    # Decided Tue 17 March 2026, ten working days across Nowruz: due Sunday 5 April.
    meeting = meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 3, 17)), invite=False
    )
    meeting.minutes = "صورتجلسه"  # (minutes reminders are tested on their own)
    meeting.save()
    return resolution_create(
        body=council.body,
        by=council.secretary,
        meeting=meeting,
        text="پیوست اجتماعی تهیه شود.",
        responsible=[council.social],
        period_amount=10,
        period_unit="working_days",
    )


def _notices(user):
    return Notice.objects.filter(user=user, code="governance.digest")


def test_nothing_before_the_reminder(resolution):
    assert escalate(date(2026, 3, 29))["reminders"] == 0
    assert not Notice.objects.exists()


def test_the_ladder_across_nowruz(council, resolution, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # 30 March: three working days before the deadline → the focal point.
    totals = escalate(date(2026, 3, 30))
    assert totals["reminders"] == 1 and totals["overdue"] == 0
    assert _notices(council.social_focal).count() == 1
    assert [m.to for m in mail.outbox] == [["focal@example.org"]]
    # Sunday 5 April is the deadline itself: not overdue yet.
    assert escalate(date(2026, 4, 5))["overdue"] == 0
    # Monday 6 April: overdue → chair and secretary, one digest each.
    totals = escalate(date(2026, 4, 6))
    assert totals["overdue"] == 1 and totals["parent"] == 0
    for user in (council.chair, council.secretary):
        digest = _notices(user).get()
        assert digest.params["counts"] == {"overdue": 1}
    # Saturday 11 April, five working days on: the province headquarters is told.
    totals = escalate(date(2026, 4, 11))
    assert totals["parent"] == 1
    assert _notices(council.parent_chair).count() == 1
    assert _notices(council.parent_secretary).count() == 1
    steps = {s.step: s.announced_on for s in ladder(resolution)}
    assert steps == {
        "reminder": date(2026, 3, 30),
        "overdue": date(2026, 4, 6),
        "parent": date(2026, 4, 11),
    }
    # Run again after the fact: nothing is announced twice.
    assert escalate(date(2026, 4, 12))["overdue"] == 0


def test_a_second_run_the_same_day_adds_nothing(council, resolution, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    escalate(date(2026, 4, 6))
    sent = len(mail.outbox)
    digest = _notices(council.chair).get()
    again = escalate(date(2026, 4, 6))
    assert again["overdue"] == again["reminders"] == again["notices"] == 0
    assert _notices(council.chair).get().params == digest.params  # counts not doubled
    assert len(mail.outbox) == sent
    # A resolution written later that day, already overdue, is announced by a later run.
    resolution_create(
        body=council.body,
        by=None,
        meeting=resolution.meeting,
        text="ثبت با تأخیر",
        responsible=[council.social],
        deadline=date(2026, 3, 25),
    )
    late = escalate(date(2026, 4, 6))
    assert late["overdue"] == 1
    assert _notices(council.chair).get().params["counts"] == {"overdue": 2}


def test_done_in_time_is_never_escalated(council, resolution):
    resolution.status = "done"
    resolution.save()
    assert escalate(date(2026, 4, 20)) == {
        "reminders": 0, "overdue": 0, "parent": 0, "minutes": 0, "notices": 0, "emails": 0,
    }  # fmt: skip


def test_one_digest_for_many_items(council, resolution):
    for _ in range(4):
        resolution_create(
            body=council.body,
            by=None,
            meeting=resolution.meeting,
            text="مورد دیگر",
            responsible=[council.social],
            deadline=date(2026, 3, 25),
        )
    escalate(date(2026, 4, 6))
    digest = _notices(council.secretary).get()
    assert digest.params["counts"]["overdue"] == 5
    with translation.override("fa"):
        text = str(notice_message(digest))
        part = digest.params["parts"][0]
    assert "۱۴۰۵" in text  # the date in the Solar Hijri calendar, Persian digits
    assert part["params"]["count"] == 5


def test_a_failing_run_writes_nothing(council, resolution):
    with (
        mock.patch.object(escalation, "_write_digests", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        escalate(date(2026, 4, 6))
    assert not Notice.objects.exists()
    run = EscalationRun.objects.get()
    assert run.status == JobStatus.FAILED and run.can_run_again
    # The failed run is not counted from: the next run announces the overdue resolution.
    assert escalate(date(2026, 4, 6))["overdue"] == 1


def test_a_run_whose_worker_died_is_failed_then_runs_again(council, resolution):
    run = EscalationRun.objects.create(
        run_date=date(2026, 4, 6),
        status=JobStatus.RUNNING,
        lease_expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert reap_abandoned() >= 1
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED and run.can_run_again
    run = escalation_run(run)
    assert run.status == JobStatus.DONE
    assert run.counts["overdue"] == 1


def test_minutes_reminders_three_then_seven_days_after(council):
    meeting = meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 5, 2)), invite=False
    )
    assert escalate(date(2026, 5, 4))["minutes"] == 0
    assert escalate(date(2026, 5, 5))["minutes"] == 1
    assert escalate(date(2026, 5, 6))["minutes"] == 0
    assert escalate(date(2026, 5, 9))["minutes"] == 1
    assert escalate(date(2026, 5, 20))["minutes"] == 0
    meeting.refresh_from_db()
    assert meeting.minutes_reminders == 2
    digests = _notices(council.secretary)
    assert [n.params["counts"] for n in digests.order_by("key")] == [{"minutes": 1}, {"minutes": 1}]
    assert not _notices(council.chair).exists()


def test_the_command_runs_a_date(council, resolution):
    from django.core.management import call_command

    call_command("escalate", "--date", "2026-04-06")
    run = EscalationRun.objects.get()
    assert run.status == JobStatus.DONE and run.counts["overdue"] == 1


def test_the_worker_runs_the_escalation_once_a_day(council, resolution):
    from mahalla.core.jobs import schedule
    from mahalla.governance.services.escalation import run_if_due

    later = timezone.now().replace(year=2026, month=4, day=20)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        # (The thread's own connection handling would close the test's transaction.)
        mock.patch.object(schedule, "close_old_connections"),
    ):
        schedule.run_due()  # what the worker's clock thread calls
        assert EscalationRun.objects.filter(status=JobStatus.DONE).count() == 1
        assert run_if_due() is None  # once a day
    assert _notices(council.chair).count() == 1
