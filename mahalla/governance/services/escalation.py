"""The daily escalation job.

Three steps per open resolution, each with its own date:

1. reminder (`remind_on`, until the deadline) → the responsible organisations' focal points;
2. overdue (the day after `deadline`) → the body's chair and secretary;
3. parent (`escalate_on`, still overdue) → the parent body's chair and secretary.

A run announces the steps whose date passed since the previous run (or whose resolution's
ladder was reset since then: a new deadline, a reopening, a resolution written late), counted
per body and per organisation by one grouped query per calendar, then writes one digest per
person (in the app, and one e-mail) — never one message, nor one row, per resolution. Which
steps a resolution has been through follows from its dates and the runs (`ladder`).

The run is one transaction: a worker that dies leaves nothing half-done, and its run stays
"running" until its lease expires; the next run then counts from the last run that finished.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import JobStatus, job_claim, job_fail, lease_until
from mahalla.core.jobs.messages import message
from mahalla.governance.clock import local_today
from mahalla.governance.models import (
    EscalationRun,
    Meeting,
    Membership,
    Notice,
    Resolution,
    WorkCalendar,
)
from mahalla.governance.models.resolutions import (
    OPEN_STATUSES,
    STEP_OVERDUE,
    STEP_PARENT,
    STEP_REMINDER,
)
from mahalla.governance.services.notify import OFFICERS, current_terms, send_digests
from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role

STEP_LABELS = {
    STEP_REMINDER: _("reminder to the responsible organisations"),
    STEP_OVERDUE: _("overdue: the chair and the secretary are told"),
    STEP_PARENT: _("still overdue: the parent body is told"),
}
MINUTES_REMINDER_DAYS = (3, 7)


@dataclass(frozen=True)
class Since:
    """Where a calendar's previous finished run left off (None: never ran)."""

    day: date | None
    at: datetime | None

    def crossed(self, field: str, today: date, *, after_day: bool = False) -> Q:
        """`field`'s date is reached by today and was not by the previous run — or the
        ladder was reset since that run began. `after_day`: the step is the day after the
        date (overdue is the day after the deadline)."""
        reached = Q(**{f"{field}__lt" if after_day else f"{field}__lte": today})
        if self.day is None:
            return reached
        new = Q(**{f"{field}__gte" if after_day else f"{field}__gt": self.day})
        return reached & (new | Q(ladder_at__gt=self.at))


def previous_runs() -> dict[int, Since]:
    """For each calendar, the day and start of the last finished run."""
    found: dict[int, Since] = {}
    runs = EscalationRun.objects.filter(status=JobStatus.DONE).order_by("-started_at")[:50]
    for run in runs:
        for calendar_id, day in run.days.items():
            found.setdefault(int(calendar_id), Since(date.fromisoformat(day), run.started_at))
    return found


def _open(calendar_ids: list[int]) -> Q:
    return Q(status__in=OPEN_STATUSES, body__calendar_id__in=calendar_ids)


def _per_body(calendar_ids: list[int], today: date, since: Since) -> tuple[dict, dict]:
    """{body id: newly overdue}, {parent body id: newly escalated to it} — one grouped query
    over the calendar's overdue resolutions."""
    overdue = since.crossed("deadline", today, after_day=True)
    parent = since.crossed("escalate_on", today) & Q(body__parent__isnull=False)
    rows = (
        Resolution.objects.filter(_open(calendar_ids), deadline__lt=today)
        .filter(overdue | parent)
        .values("body_id", "body__parent_id")
        .annotate(overdue=Count("pk", filter=overdue), parent=Count("pk", filter=parent))
        .order_by()
    )
    by_body: dict[int, int] = defaultdict(int)
    by_parent: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["overdue"]:
            by_body[row["body_id"]] += row["overdue"]
        if row["parent"]:
            by_parent[row["body__parent_id"]] += row["parent"]
    return by_body, by_parent


def _per_organisation(calendar_ids: list[int], today: date, since: Since) -> dict[int, int]:
    """{organisation id: resolutions newly in their reminder window}."""
    through = Resolution.responsible.through
    rows = (
        through.objects.filter(
            Q(
                resolution__status__in=OPEN_STATUSES,
                resolution__body__calendar_id__in=calendar_ids,
            ),
            Q(resolution__deadline__gte=today),
            _prefixed(since.crossed("remind_on", today), "resolution__"),
        )
        .values("organisation_id")
        .annotate(n=Count("resolution_id"))
        .order_by()
    )
    return {row["organisation_id"]: row["n"] for row in rows}


def _prefixed(q: Q, prefix: str) -> Q:
    """The same condition on a related model's fields."""
    children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in q.children
    ]
    clone = Q(*children, _connector=q.connector, _negated=q.negated)
    return clone


def _officers(body_ids, today: date) -> dict[int, list[int]]:
    rows = (
        Membership.objects.filter(
            current_terms(today), body_id__in=list(body_ids), role__in=OFFICERS, user__isnull=False
        )
        .order_by()
        .values_list("body_id", "user_id")
    )
    found: dict[int, list[int]] = defaultdict(list)
    for body_id, user_id in rows:
        found[body_id].append(user_id)
    return found


def _focal_points(organisation_ids) -> dict[int, list[int]]:
    rows = RoleGrant.objects.filter(
        role=Role.FOCAL_POINT, revoked_at__isnull=True, organisation_id__in=list(organisation_ids)
    ).values_list("organisation_id", "user_id")
    found: dict[int, list[int]] = defaultdict(list)
    for organisation_id, user_id in rows:
        found[organisation_id].append(user_id)
    return found


def _add(counts, users_by_key: dict[int, list[int]], per_key: dict[int, int], part: str) -> int:
    total = 0
    for key, n in per_key.items():
        total += n
        for user_id in set(users_by_key.get(key, ())):
            counts[user_id][part] = counts[user_id].get(part, 0) + n
    return total


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
            .order_by()
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


def _insert_notices(notices: list[Notice]) -> None:
    """On PostgreSQL one INSERT from a JSON array: a thousand digests cost one statement and
    no per-object work in the driver (bulk_create spends most of its time there)."""
    if connection.vendor != "postgresql" or not notices:
        Notice.objects.bulk_create(notices, batch_size=1000)
        return
    rows = [
        {"user_id": n.user_id, "key": n.key, "code": n.code, "params": n.params, "url": n.url}
        for n in notices
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Notice._meta.db_table} "  # noqa: S608 - the table name is ours
            "(user_id, key, code, params, url, created_at) "
            "SELECT x.user_id, x.key, x.code, x.params, x.url, now() "
            "FROM jsonb_to_recordset(%s::jsonb) "
            "AS x(user_id bigint, key text, code text, params jsonb, url text) "
            "RETURNING id",
            [json.dumps(rows)],
        )
        for notice, (pk,) in zip(notices, cursor.fetchall(), strict=True):
            notice.pk = pk


def _write_digests(today: date, counts: dict[int, dict[str, int]]) -> list[Notice]:
    """One notice per person for the day; a later run the same day adds what it found."""
    url = reverse("governance:attention")
    key = f"digest:{today.isoformat()}"
    existing = {n.user_id: n for n in Notice.objects.filter(key=key, user_id__in=list(counts))}
    new, changed = [], []
    for user_id, found in counts.items():
        notice = existing.get(user_id)
        total = dict(found)
        if notice is not None:
            for part, n in notice.params.get("counts", {}).items():
                total[part] = total.get(part, 0) + n
        params = message("governance.digest", date=today.isoformat())["params"]
        params["counts"] = total
        params["parts"] = [
            message(code, count=total[part]) for part, code in PARTS.items() if total.get(part)
        ]
        if notice is None:
            new.append(
                Notice(user_id=user_id, key=key, code="governance.digest", params=params, url=url)
            )
        else:
            notice.params, notice.read_at, notice.emailed_at = params, None, None
            changed.append(notice)
    _insert_notices(new)
    if changed:
        Notice.objects.bulk_update(changed, ["params", "read_at", "emailed_at"], batch_size=500)
    return new + changed


def escalate(
    today: date | None = None, *, email: bool = True, run: EscalationRun | None = None
) -> dict[str, int]:
    """Announce every step reached since the previous finished run, as of `today` (each
    calendar's own today when None). The run is recorded (`run`, or a new one): the next
    run counts from it."""
    now = timezone.now()
    if run is None:
        run = EscalationRun.objects.create(
            run_date=today or now.date(),
            status=JobStatus.RUNNING,
            started_at=now,
            lease_expires_at=lease_until(),
        )
    try:
        return _escalate(run, today, email, now)
    except Exception:
        job_fail(EscalationRun, run.pk, message("core.job_unexpected"))
        raise


def _escalate(run: EscalationRun, today: date | None, email: bool, now: datetime) -> dict:
    totals = {"reminders": 0, "overdue": 0, "parent": 0, "minutes": 0, "notices": 0, "emails": 0}
    notices: list[Notice] = []
    with transaction.atomic():
        # Two workers at once: the second waits here for the first, then counts from it.
        calendars = list(WorkCalendar.objects.select_for_update().order_by("pk"))
        before = previous_runs()
        days: dict[str, str] = {}
        by_day: dict[date, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        # Calendars on the same day, counted from the same run, share one query per step.
        groups: dict[tuple[date, Since], list[WorkCalendar]] = defaultdict(list)
        for calendar in calendars:
            day = today or local_today(calendar.time_zone)
            days[str(calendar.pk)] = day.isoformat()
            groups[(day, before.get(calendar.pk, Since(None, None)))].append(calendar)
        for (day, since), calendars in groups.items():
            ids = [c.pk for c in calendars]
            counts = by_day[day]
            by_body, by_parent = _per_body(ids, day, since)
            by_org = _per_organisation(ids, day, since)
            officers = _officers(set(by_body) | set(by_parent), day)
            totals["overdue"] += _add(counts, officers, by_body, "overdue")
            totals["parent"] += _add(counts, officers, by_parent, "parent")
            totals["reminders"] += _add(counts, _focal_points(by_org), by_org, "reminders")
            for calendar in calendars:
                totals["minutes"] += _minutes_reminders(now, day, calendar, counts)
        for day, counts in by_day.items():
            if counts:
                notices.extend(_write_digests(day, counts))
        totals["notices"] = len(notices)
        EscalationRun.objects.filter(pk=run.pk).update(
            status=JobStatus.DONE,
            days=days,
            counts=totals,
            finished_at=timezone.now(),
            lease_expires_at=None,
        )
    if email:
        # After the commit: an e-mail must not announce what a rolled-back run undid.
        totals["emails"] = send_digests(
            list(Notice.objects.filter(pk__in=[n.pk for n in notices]).select_related("user"))
        )
        EscalationRun.objects.filter(pk=run.pk).update(counts=totals)
    return totals


def run_if_due() -> EscalationRun | None:
    """The daily run, from the worker's clock: once per (UTC) day, unless one finished or
    is running."""
    today = timezone.now().date()
    if EscalationRun.objects.filter(
        run_date=today, status__in=(JobStatus.DONE, JobStatus.RUNNING)
    ).exists():
        return None
    run = EscalationRun.objects.create(run_date=today, status=JobStatus.PENDING)
    return escalation_run(run, today=None)


def escalation_run(run: EscalationRun, *, today: date | None = ...) -> EscalationRun:
    """Run `run` under a lease (a worker that dies leaves it to be reaped, then run again).
    `today` None: each calendar's own today; by default the run's date."""
    job_claim(EscalationRun, run.pk)
    run.refresh_from_db()
    escalate(run.run_date if today is ... else today, run=run)
    run.refresh_from_db()
    return run


@dataclass(frozen=True)
class LadderStep:
    step: str
    label: str
    due_on: date
    announced_on: date | None


def ladder(resolution: Resolution) -> list[LadderStep]:
    """The steps of one resolution: when each falls due and the run that announced it."""
    steps = [
        (STEP_REMINDER, resolution.remind_on),
        (STEP_OVERDUE, resolution.deadline + timedelta(days=1)),
    ]
    if resolution.body.parent_id:
        steps.append((STEP_PARENT, resolution.escalate_on))
    calendar_id = str(resolution.body.calendar_id)
    runs = [
        (date.fromisoformat(run.days[calendar_id]), run.started_at)
        for run in EscalationRun.objects.filter(
            status=JobStatus.DONE,
            run_date__gte=min(d for _s, d in steps) - timedelta(days=1),
        ).order_by("started_at")[:400]
        if calendar_id in run.days
    ]
    result = []
    for step, due_on in steps:
        announced = next(
            (
                day
                for day, started in runs
                if day >= due_on and started is not None and started >= resolution.ladder_at
            ),
            None,
        )
        if step == STEP_REMINDER and announced is not None and announced > resolution.deadline:
            announced = None  # a reminder after the deadline is never sent
        result.append(LadderStep(step, str(STEP_LABELS[step]), due_on, announced))
    return result
