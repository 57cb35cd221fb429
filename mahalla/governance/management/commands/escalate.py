"""The daily escalation of resolutions: run it once a day (cron, a systemd timer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import JobStatus
from mahalla.governance.clock import local_today
from mahalla.governance.models import EscalationRun
from mahalla.governance.services.escalation import escalation_run


class Command(BaseCommand):
    help = _("Remind, escalate overdue resolutions and send the day's digests.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--date",
            help="Run as of this date (YYYY-MM-DD); default: today where each body sits.",
        )

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        day = self._day(date)
        run = EscalationRun.objects.create(
            run_date=day or local_today("UTC"), status=JobStatus.PENDING
        )
        run = escalation_run(run, today=day)  # a failure marks the run failed, then raises
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in run.counts.items()))

    @staticmethod
    def _day(text: str | None):
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"not a date: {text!r}") from None
