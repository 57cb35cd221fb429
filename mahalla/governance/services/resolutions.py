"""Resolutions: writing them with a deadline counted on the body's calendar, changing them
without losing a concurrent edit, and the progress reports of those who carry them out."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.governance.clock import local_today
from mahalla.governance.models import Body, Meeting, ProgressReport, Resolution
from mahalla.governance.services.working_days import (
    MAX_PERIOD_DAYS,
    DaysOff,
    deadline_from_period,
    escalation_dates,
)

MAX_RESPONSIBLE = 20


class Conflict(Exception):
    """Someone else saved the resolution since this edit began."""

    def __init__(self, current: Resolution) -> None:
        super().__init__("stale version")
        self.current = current


def _deadline(
    body: Body,
    decided_on: date,
    deadline: date | None,
    period_amount: int | None,
    period_unit: str,
    days_off: DaysOff,
) -> date:
    if deadline is None and not (period_amount and period_unit):
        raise ValidationError(
            {"deadline": _("Give a deadline: a date, or a period such as 2 weeks.")}
        )
    if deadline is None:
        if period_amount > MAX_PERIOD_DAYS:
            raise ValidationError({"period_amount": _("The period is too long.")})
        deadline = deadline_from_period(days_off, decided_on, period_amount, period_unit)
    if deadline < decided_on:
        raise ValidationError({"deadline": _("The deadline is before the resolution was decided.")})
    if (deadline - decided_on).days > MAX_PERIOD_DAYS:
        raise ValidationError({"deadline": _("The deadline is more than three years away.")})
    return deadline


@transaction.atomic
def resolution_create(
    *,
    body: Body,
    by: Any,
    text: str,
    responsible: list,
    meeting: Meeting | None = None,
    decided_on: date | None = None,
    deadline: date | None = None,
    period_amount: int | None = None,
    period_unit: str = "",
    days_off: DaysOff | None = None,
) -> Resolution:
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError({"meeting": _("The meeting is of another body.")})
    if not text.strip():
        raise ValidationError({"text": _("Write what was resolved.")})
    if not responsible:
        raise ValidationError(
            {"responsible": _("Name at least one organisation that carries it out.")}
        )
    if len(responsible) > MAX_RESPONSIBLE:
        raise ValidationError({"responsible": _("Name at most 20 organisations.")})
    if decided_on is None:
        decided_on = (
            meeting.starts_at.astimezone(_zone(body)).date()
            if meeting is not None
            else local_today(body.calendar.time_zone)
        )
    elif meeting is not None and decided_on < meeting.starts_at.astimezone(_zone(body)).date():
        raise ValidationError(
            {"decided_on": _("A resolution of a meeting cannot be decided before the meeting.")}
        )
    days_off = days_off or DaysOff.of(body.calendar)
    deadline = _deadline(body, decided_on, deadline, period_amount, period_unit, days_off)
    remind_on, escalate_on = escalation_dates(
        days_off,
        deadline,
        remind=body.body_type.reminder_days,
        escalate=body.body_type.escalate_after_days,
    )
    # Numbers follow on per body; the row lock on the body keeps two secretaries apart.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    last = Resolution.objects.filter(body=body).aggregate(n=Max("number"))["n"] or 0
    resolution = Resolution(
        body=body,
        meeting=meeting,
        number=last + 1,
        text=text.strip(),
        decided_on=decided_on,
        deadline=deadline,
        period_amount=period_amount if period_unit else None,
        period_unit=period_unit if period_amount else "",
        remind_on=remind_on,
        escalate_on=escalate_on,
        created_by=by if getattr(by, "pk", None) else None,
    )
    resolution._history_user = by
    resolution.save()
    resolution.responsible.set(responsible)
    return resolution


def _zone(body: Body):
    from zoneinfo import ZoneInfo

    return ZoneInfo(body.calendar.time_zone)


@transaction.atomic
def resolution_update(
    *,
    resolution: Resolution,
    version: int,
    by: Any,
    text: str | None = None,
    responsible: list | None = None,
    deadline: date | None = None,
    status: str | None = None,
) -> Resolution:
    """Change text, responsible organisations, deadline or status, refusing a stale edit.

    The UPDATE names the version the editor loaded, so of two people saving at once the
    second changes nothing and gets `Conflict` with what the first saved.
    """
    fields: dict[str, Any] = {}
    if text is not None:
        if not text.strip():
            raise ValidationError({"text": _("Write what was resolved.")})
        fields["text"] = text.strip()
    if deadline is not None and deadline != resolution.deadline:
        if deadline < resolution.decided_on:
            raise ValidationError(
                {"deadline": _("The deadline is before the resolution was decided.")}
            )
        days_off = DaysOff.of(resolution.body.calendar)
        fields["deadline"] = deadline
        # A new deadline restarts the escalation ladder from now.
        fields["ladder_at"] = timezone.now()
        fields["remind_on"], fields["escalate_on"] = escalation_dates(
            days_off,
            deadline,
            remind=resolution.body.body_type.reminder_days,
            escalate=resolution.body.body_type.escalate_after_days,
        )
    if status is not None and status != resolution.status:
        fields.update(_status_fields(resolution, status))
    if responsible is not None and not responsible:
        raise ValidationError(
            {"responsible": _("Name at least one organisation that carries it out.")}
        )
    updated = Resolution.objects.filter(pk=resolution.pk, version=version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise Conflict(Resolution.objects.get(pk=resolution.pk))
    resolution.refresh_from_db()
    if responsible is not None:
        resolution.responsible.set(responsible)
    # simple-history records saves, not UPDATE statements: save the row as it now is (the
    # same values again, inside the transaction that won the version check).
    resolution._history_user = by
    resolution.save()
    return resolution


def _status_fields(resolution: Resolution, status: str) -> dict[str, Any]:
    if status not in Resolution.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if not resolution.is_open and status in (Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS):
        # Reopening is allowed (a "done" that was not): the done date goes, and the ladder
        # starts again (its steps are announced anew when their dates have passed).
        return {"status": status, "done_on": None, "ladder_at": timezone.now()}
    if status == Resolution.Status.DONE:
        return {"status": status, "done_on": local_today(resolution.body.calendar.time_zone)}
    return {"status": status, "done_on": None}


MAX_REPORT_BYTES = 10 * 1024 * 1024


@transaction.atomic
def progress_report_add(
    *,
    resolution: Resolution,
    by: Any,
    text: str,
    organisation=None,
    attachment=None,
    status: str = "",
) -> ProgressReport:
    if not text.strip():
        raise ValidationError({"text": _("Write what was done.")})
    if attachment is not None and attachment.size > MAX_REPORT_BYTES:
        raise ValidationError({"attachment": _("The attachment is larger than 10 MB.")})
    if status and status not in (Resolution.Status.IN_PROGRESS, Resolution.Status.DONE):
        raise ValidationError({"status": _("Choose a status from the list.")})
    report = ProgressReport(
        resolution=resolution,
        author=by,
        organisation=organisation,
        text=text.strip(),
        status_to=status,
    )
    if attachment is not None:
        report.original_name = attachment.name[:255]
        report.attachment = attachment
    report.save()
    if status and status != resolution.status and resolution.is_open:
        resolution_update(resolution=resolution, version=resolution.version, by=by, status=status)
    from mahalla.governance.services.notify import report_posted

    report_posted(report)
    return report


MAX_RESIDENT_UPDATES_A_DAY = 50
MAX_RESIDENT_TEXT = 2000


@transaction.atomic
def resident_update_add(*, resolution: Resolution, text: str, name: str = "", user=None):
    """A resident's update or question from the public page; it reaches the body's chair and
    secretary like a focal point's report."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your update.")})
    if len(text) > MAX_RESIDENT_TEXT:
        raise ValidationError({"text": _("Write at most 2,000 characters.")})
    since = timezone.now() - timedelta(days=1)
    if (
        resolution.reports.filter(from_resident=True, created_at__gte=since).count()
        >= MAX_RESIDENT_UPDATES_A_DAY
    ):
        raise ValidationError(
            {"text": _("This resolution has had many updates today; try again tomorrow.")}
        )
    report = ProgressReport.objects.create(
        resolution=resolution,
        author=user if getattr(user, "is_authenticated", False) else None,
        text=text,
        from_resident=True,
        resident_name=name.strip()[:100],
    )
    from mahalla.governance.services.notify import report_posted

    report_posted(report)
    return report
