"""The background-job worker: first marks jobs of a dead worker failed, then runs the queue."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

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

    def handle(
        self,
        *args: Any,
        reap_only: bool,
        batch: bool,
        interval: float,
        queue_name: str,
        **options: Any,
    ) -> None:
        reaped = reap_abandoned()
        if reaped:
            self.stdout.write(f"marked {reaped} abandoned job(s) as failed")
        if reap_only:
            return
        call_command("db_worker", reload=False, batch=batch, interval=interval, startup_delay=False)
