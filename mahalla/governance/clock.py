"""Today in a place: deadlines are dates where the body sits, not on the server.

One function so tests (and the escalation job's `--date`) can move the clock."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone


def now():
    return timezone.now()


def local_today(time_zone: str) -> date:
    return now().astimezone(ZoneInfo(time_zone)).date()


def reader_today() -> date:
    """Today in the reader's time zone (the one activated for the request)."""
    return timezone.localtime(now()).date()
