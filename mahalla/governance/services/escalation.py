"""The daily escalation job.

For each work calendar (each has its own "today"), three steps, each one INSERT … SELECT so
100,000 open resolutions cost a few set queries, never a loop:

1. reminder: due within the body type's reminder period → the responsible organisations'
   focal points;
2. overdue: the deadline has passed → the body's chair and secretary;
3. parent: still open after the further period → the parent body's chair and secretary.

Then meetings without minutes 3 and 7 days after they were held remind their secretary, and
each person gets one digest for the day (in the app, and one e-mail), never one per item.
The whole run is one transaction: a worker that dies leaves nothing half-done.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models import DateField as DateFieldType
from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus, job_claim
from mahalla.core.jobs.messages import message
from mahalla.governance.clock import local_today
from mahalla.governance.models import (
    Escalation,
    EscalationRun,
    Meeting,
    Membership,
    Notice,
    Resolution,
    WorkCalendar,
)
from mahalla.governance.models.resolutions import OPEN_STATUSES
from mahalla.governance.services.notify import OFFICERS, current_terms, send_digests
from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role

STEP = Escalation.Step
MINUTES_REMINDER_DAYS = (3, 7)


def _due(step: str, today: date) -> Q:
    if step == STEP.REMINDER:
        return Q(remind_on__lte=today, deadline__gte=today)
    if step == STEP.OVERDUE:
        return Q(deadline__lt=today)
    return Q(escalate_on__lte=today, deadline__lt=today, body__parent__isnull=False)


def due_resolutions(step: str, today: date, calendar_id: int | None = None):
    """Open resolutions that reach `step` on `today` and have not taken it yet."""
    taken = Escalation.objects.filter(resolution=OuterRef("pk"), step=step)
    rows = Resolution.objects.filter(_due(step, today), status__in=OPEN_STATUSES).filter(
        ~Exists(taken)
    )
    if calendar_id is not None:
        rows = rows.filter(body__calendar_id=calendar_id)
    return rows


def _insert_steps(step: str, today: date, calendar_id: int) -> int:
    """INSERT … SELECT the step for every due resolution; the SELECT is the ORM's own SQL."""
    select = (
        due_resolutions(step, today, calendar_id)
        .order_by()
        .values_list("pk", Value(step), Value(today, output_field=DateFieldType()))
    )
    sql, params = select.query.get_compiler(connection=connection).as_sql()
    table = Escalation._meta.db_table
    with connection.cursor() as cursor:
        # ON CONFLICT: a second run at the same moment adds nothing twice.
        cursor.execute(
            f"INSERT INTO {table} (resolution_id, step, on_date) {sql} "  # noqa: S608
            "ON CONFLICT DO NOTHING",
            params,
        )
        return cursor.rowcount


def _taken_today(step: str, today: date) -> Q:
    return Q(escalations__step=step, escalations__on_date=today)


def _recipient_counts(today: date) -> dict[int, dict[str, int]]:
    """{user id: {step: resolutions}} for the steps taken today."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    reminders = (
        RoleGrant.objects.filter(
            role=Role.FOCAL_POINT,
            revoked_at__isnull=True,
            organisation__resolutions__escalations__step=STEP.REMINDER,
            organisation__resolutions__escalations__on_date=today,
        )
        .values("user_id")
        .annotate(n=Count("organisation__resolutions", distinct=True))
    )
    for row in reminders:
        counts[row["user_id"]]["reminders"] = row["n"]
    for step, key, path in (
        (STEP.OVERDUE, "overdue", "body__resolutions"),
        (STEP.PARENT, "parent", "body__children__resolutions"),
    ):
        rows = (
            Membership.objects.filter(
                current_terms(today),
                role__in=OFFICERS,
                user__isnull=False,
                **{f"{path}__escalations__step": step, f"{path}__escalations__on_date": today},
            )
            .values("user_id")
            .annotate(n=Count(path, distinct=True))
        )
        for row in rows:
            counts[row["user_id"]][key] = row["n"]
    return counts


def _minutes_reminders(now: datetime, today: date, calendar: WorkCalendar, counts) -> int:
    """Meetings held 3 (then 7) days ago or more without minutes: tell their secretary."""
    zone = ZoneInfo(calendar.time_zone)
    sent = 0
    # The later reminder first: a meeting 10 days past gets one reminder, not two.
    for index, days in reversed(list(enumerate(MINUTES_REMINDER_DAYS, start=1))):
        cutoff = datetime.combine(today - timedelta(days=days), time.max, tzinfo=zone)
        due = Meeting.objects.filter(
            body__calendar=calendar,
            starts_at__lte=min(cutoff, now),
            minutes="",
            minutes_reminders__lt=index,
        ).exclude(status=Meeting.Status.CANCELLED)
        rows = (
            Membership.objects.filter(
                current_terms(today),
                role=Membership.Role.SECRETARY,
                user__isnull=False,
                body__meetings__in=due,
            )
            .values("user_id")
            .annotate(n=Count("body__meetings", distinct=True))
        )
        for row in rows:
            counts[row["user_id"]]["minutes"] = counts[row["user_id"]].get("minutes", 0) + row["n"]
        sent += due.update(minutes_reminders=index)
    return sent


PARTS = {
    "reminders": "governance.digest.reminders",
    "overdue": "governance.digest.overdue",
    "parent": "governance.digest.parent",
    "minutes": "governance.digest.minutes",
}


def _write_digests(today: date, counts: dict[int, dict[str, int]]) -> list[Notice]:
    url = reverse("governance:attention")
    key = f"digest:{today.isoformat()}"
    existing = {n.user_id: n for n in Notice.objects.filter(key=key, user_id__in=list(counts))}
    new, changed = [], []
    for user_id, by_step in counts.items():
        notice = existing.get(user_id)
        if notice is not None:
            # A second run the same day adds to that day's digest.
            for part, n in notice.params.get("counts", {}).items():
                by_step[part] = by_step.get(part, 0) + n
        params = message("governance.digest", date=today.isoformat())["params"]
        params["counts"] = by_step
        params["parts"] = [
            message(code, count=by_step[part]) for part, code in PARTS.items() if by_step.get(part)
        ]
        if notice is None:
            new.append(
                Notice(user_id=user_id, key=key, code="governance.digest", params=params, url=url)
            )
        else:
            notice.params = params
            notice.read_at = None
            changed.append(notice)
    Notice.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    Notice.objects.bulk_update(changed, ["params", "read_at"], batch_size=500)
    return list(Notice.objects.filter(key=key, user_id__in=list(counts)).select_related("user"))


def escalate(today: date | None = None, *, email: bool = True) -> dict[str, int]:
    """Take every due step for `today` (each calendar's own today when None)."""
    now = timezone.now()
    totals = {"reminders": 0, "overdue": 0, "parent": 0, "minutes": 0, "notices": 0, "emails": 0}
    notices: list[Notice] = []
    with transaction.atomic():
        calendars_by_day: dict[date, list[WorkCalendar]] = defaultdict(list)
        for calendar in WorkCalendar.objects.all():
            day = today or local_today(calendar.time_zone)
            totals["reminders"] += _insert_steps(STEP.REMINDER, day, calendar.pk)
            totals["overdue"] += _insert_steps(STEP.OVERDUE, day, calendar.pk)
            totals["parent"] += _insert_steps(STEP.PARENT, day, calendar.pk)
            calendars_by_day[day].append(calendar)
        for day, calendars in calendars_by_day.items():
            counts = _recipient_counts(day)
            for calendar in calendars:
                totals["minutes"] += _minutes_reminders(now, day, calendar, counts)
            if counts:
                written = _write_digests(day, counts)
                totals["notices"] += len(written)
                notices.extend(written)
    if email:
        # After the commit: an e-mail must not announce what a rolled-back run undid.
        totals["emails"] = send_digests(notices)
    return totals


def escalation_run(run: EscalationRun, *, today: date | None = ...) -> EscalationRun:
    """Run `run` under a lease (a worker that dies leaves it to be reaped, then run again).
    `today` None: each calendar's own today; by default the run's date."""
    job_claim(EscalationRun, run.pk)
    totals = escalate(run.run_date if today is ... else today)
    EscalationRun.objects.filter(pk=run.pk).update(
        status=JobStatus.DONE, counts=totals, finished_at=timezone.now(), lease_expires_at=None
    )
    run.refresh_from_db()
    return run
