"""Reading the access log: who viewed, searched or exported personal data, for an auditor
of the area (VIEW_ACCESS_LOG), newest first, with its areas and people named."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from mahalla.core.models import AccessLog
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area

# The kinds of record the log names, in the reader's language.
RECORD_TYPES = {
    "registry.household": pgettext_lazy("access log records", "households"),
    "registry.member": pgettext_lazy("access log records", "household members"),
    "registry.settlementprofile": pgettext_lazy("access log records", "community profiles"),
    "surveys.submission": pgettext_lazy("access log records", "submissions"),
}
MAX_CSV_ROWS = 100_000


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_list(
    *,
    user: Any,
    who: str = "",
    action: str = "",
    record_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """Entries in `user`'s scope, filtered; days are the reader's (their time zone)."""
    entries = for_user(user, Perm.VIEW_ACCESS_LOG, AccessLog.objects.select_related("user"))
    if who:
        entries = entries.filter(
            Q(user__username__icontains=who)
            | Q(user__first_name__icontains=who)
            | Q(user__last_name__icontains=who)
        )
    if action:
        entries = entries.filter(action=action)
    if record_type:
        entries = entries.filter(object_type=record_type)
    if since:
        entries = entries.filter(at__gte=_day_start(since))
    if until:
        entries = entries.filter(at__lt=_day_start(until + timedelta(days=1)))
    return entries.order_by("-at", "-pk")


def with_areas(entries: list[AccessLog]) -> list[AccessLog]:
    """Each entry's area (`entry.area`, None when gone), in one query for the page."""
    ids = {e.area_id for e in entries if e.area_id}
    areas = {a.pk: a for a in Area.objects.filter(pk__in=ids).select_related("level")}
    for entry in entries:
        entry.area = areas.get(entry.area_id)
        entry.record_label = RECORD_TYPES.get(entry.object_type, entry.object_type)
    return entries


def csv_rows(entries: QuerySet) -> Iterator[str]:
    """The entries as CSV text, streamed in batches (the log grows with every search)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["at_utc", "username", "action", "record_type", "record_id", "area_id",
                     "area", "rows", "ip_address", "detail"])  # fmt: skip
    yield "\ufeff" + buffer.getvalue()  # a BOM, so Excel reads Thai and Persian as UTF-8
    batch: list[AccessLog] = []

    def flush() -> str:
        buffer.seek(0)
        buffer.truncate()
        for entry in with_areas(batch):
            writer.writerow([
                entry.at.astimezone(UTC).isoformat(), getattr(entry.user, "username", ""),
                entry.action, entry.object_type, entry.object_id, entry.area_id or "",
                str(entry.area.name) if entry.area else "", entry.rows or "",
                entry.ip_address or "", entry.detail,
            ])  # fmt: skip
        batch.clear()
        return buffer.getvalue()

    for entry in entries[:MAX_CSV_ROWS].iterator(chunk_size=2000):
        batch.append(entry)
        if len(batch) >= 2000:
            yield flush()
    if batch:
        yield flush()
