"""Resolutions: what a body decided, who must carry it out, by when, and what they reported.

`deadline`, `remind_on` and `escalate_on` are dates counted once on the body's work calendar
when the resolution is written (or its deadline changed), so the daily escalation job is a
few indexed range queries, not a calendar walk per resolution.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from mahalla.core.jobs.leases import Job
from mahalla.governance.models.bodies import Body
from mahalla.governance.models.meetings import Meeting
from mahalla.people.models import Organisation

OPEN_STATUSES = ("open", "in_progress")

# The escalation ladder: reminder (from `remind_on`), overdue (the day after `deadline`),
# parent body (from `escalate_on`, for a body with a parent).
STEP_REMINDER, STEP_OVERDUE, STEP_PARENT = "reminder", "overdue", "parent"


class Resolution(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    class PeriodUnit(models.TextChoices):
        DAYS = "days", _("days")
        WORKING_DAYS = "working_days", _("working days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="resolutions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
    )
    number = models.PositiveIntegerField(pgettext_lazy("resolution", "number"))
    text = models.TextField(_("text"))
    responsible = models.ManyToManyField(
        Organisation, verbose_name=_("responsible organisations"), related_name="resolutions"
    )
    decided_on = models.DateField(_("decided on"))
    deadline = models.DateField(_("deadline"))
    # The period as the body said it ("two weeks"), kept to show beside the date.
    period_amount = models.PositiveSmallIntegerField(_("period"), null=True, blank=True)
    period_unit = models.CharField(
        _("period unit"), max_length=16, choices=PeriodUnit.choices, blank=True
    )
    remind_on = models.DateField(_("reminder on"))
    escalate_on = models.DateField(_("escalation to the parent body on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # When the deadline (or the reopening) that the escalation ladder counts from was set: a
    # step whose date passed before the last run is still announced if this is later.
    ladder_at = models.DateTimeField(default=timezone.now, editable=False)
    # Optimistic lock: an edit names the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[responsible], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-decided_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="governance_resolution_number"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("decided_on")),
                name="governance_deadline_after_decision",
            ),
        ]
        # The escalation job's three range scans, on open resolutions only.
        indexes = [
            models.Index(
                fields=["deadline"],
                name="gov_res_open_deadline",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["remind_on"],
                name="gov_res_open_remind",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["escalate_on"],
                name="gov_res_open_escalate",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # Resolutions whose ladder was reset since the last run (a daily run's "what is
            # new" is then an index probe, not a scan).
            models.Index(
                fields=["ladder_at"],
                name="gov_res_open_ladder",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProgressReport(models.Model):
    """What a focal point (or a resident) reported on a resolution; never edited."""

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("for organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("report"))
    # An update sent by a resident from the public page (the name is what they gave).
    from_resident = models.BooleanField(_("from a resident"), default=False)
    resident_name = models.CharField(_("name"), max_length=100, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="governance/reports/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    status_to = models.CharField(
        _("status set to"), max_length=16, choices=Resolution.Status.choices, blank=True
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.resolution_id}: {self.text[:40]}"


class EscalationRun(Job):
    """One run of the daily escalation job. Its `days` (the date it ran as, per work
    calendar) and `started_at` are what the next run counts from: a step is announced when
    its date passed since then, or when its resolution's ladder was reset since then. So no
    row is written per resolution, and a second run the same day announces only what is
    new."""

    run_date = models.DateField(_("for the date"))
    # {work calendar id: ISO date}: "today" where each calendar's bodies sit.
    days = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("escalation run")
        verbose_name_plural = _("escalation runs")
        ordering = ["-created_at", "-id"]
