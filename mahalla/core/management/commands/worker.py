"""The background-job worker: first marks jobs of a dead worker failed, then runs the queue."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs import schedule
from mahalla.core.jobs.leases import reap_abandoned


class Command(BaseCommand):
    help = _("Run the background-job worker, after marking abandoned jobs as failed.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--reap-only",
            action="store_true",
            help="Only mark abandoned jobs as failed, then exit.",
        )
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument("--queue-name", default="*", help="Queues to run; * for every one.")
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Do not run the scheduled work (the daily escalation) from this worker.",
        )
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=300.0,
            help="Seconds between checks for scheduled work that is due.",
        )

    def handle(
        self,
        *args: Any,
        reap_only: bool,
        batch: bool,
        interval: float,
        queue_name: str,
        no_schedule: bool = False,
        schedule_interval: float = 300.0,
        **options: Any,
    ) -> None:
        reaped = reap_abandoned()
        if reaped:
            self.stdout.write(f"marked {reaped} abandoned job(s) as failed")
        if reap_only:
            return
        if batch and not no_schedule:
            schedule.run_due()
        elif not no_schedule:
            schedule.start(schedule_interval)
        call_command("db_worker", reload=False, batch=batch, interval=interval, startup_delay=False)
