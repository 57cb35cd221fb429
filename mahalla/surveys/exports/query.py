"""Which submissions an export holds, and their rows read in a constant number of queries.

Every read is one query streamed with `.iterator(chunk_size=…)` over `values_list`, so the
number of queries does not grow with the number of submissions and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area
from mahalla.surveys.models import Attachment, Form, ReviewState, Submission, SubmissionVersion

CHUNK = 2000


def chunk_size() -> int:
    return int(getattr(settings, "SURVEY_EXPORT_CHUNK", CHUNK))


def max_rows() -> int:
    return int(getattr(settings, "SURVEY_EXPORT_MAX_ROWS", 500_000))


def max_attachment_bytes() -> int:
    return int(getattr(settings, "SURVEY_EXPORT_MAX_ATTACHMENT_BYTES", 2 * 1024**3))


@dataclass(frozen=True)
class Filters:
    campaign: int | None = None
    area: int | None = None
    states: tuple[str, ...] = ()
    since: datetime | None = None  # received at or after
    until: datetime | None = None  # received before

    def as_json(self) -> dict:
        return {
            "campaign": self.campaign,
            "area": self.area,
            "states": list(self.states),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> Filters:
        valid = set(ReviewState.values)
        return cls(
            campaign=data.get("campaign"),
            area=data.get("area"),
            states=tuple(s for s in data.get("states") or () if s in valid),
            since=parse_datetime(data["since"]) if data.get("since") else None,
            until=parse_datetime(data["until"]) if data.get("until") else None,
        )


def exportable_forms(user: Any) -> QuerySet:
    """Forms the user may export from: those in scope, and city-wide forms above the areas
    of their scope (a district officer exports their district's part of a city's survey)."""
    forms = Form.objects.all()
    scope = user_scope(user, Perm.EXPORT_SUBMISSIONS)
    if scope.everything:
        return forms
    prefixes = {
        path[: index + 1]
        for path in scope.area_paths
        for index, char in enumerate(path)
        if char == "/" and index
    }
    inside = for_user(user, Perm.EXPORT_SUBMISSIONS, forms)
    return forms.filter(Q(pk__in=inside.values("pk")) | Q(area__path__in=prefixes))


def submissions(user: Any, form: Form, filters: Filters) -> QuerySet:
    """The submissions of `form` the user may export, narrowed by the filters."""
    queryset = for_user(user, Perm.EXPORT_SUBMISSIONS, Submission.objects.filter(form=form))
    if filters.campaign:
        queryset = queryset.filter(campaign_id=filters.campaign)
    if filters.area:
        path = Area.objects.filter(pk=filters.area).values_list("path", flat=True).first()
        queryset = queryset.filter(area__path__startswith=path) if path else queryset.none()
    if filters.states:
        queryset = queryset.filter(review_state__in=filters.states)
    if filters.since:
        queryset = queryset.filter(created_at__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(created_at__lt=filters.until)
    return queryset


MAIN_VALUES = (
    "instance_id",
    "created_at",
    "current__data",
    "submitted_by_id",
    "submitted_by__username",
    "app_user_id",
    "app_user__display_name",
    "review_state",
    "current__device_id",
    "current__form_version__version",
    "area__code",
    "area__name_en",
    "area__name_th",
    "area__name_fa",
    "campaign__name_en",
    "campaign__name_th",
    "campaign__name_fa",
    "edits",
    "attachments_present",
    "attachments_expected",
)


class _WithoutRepeats(Func):
    """`data #- '{members}' #- '{house,rooms}'`: the JSON without its repeats (PostgreSQL),
    so the main table does not decode what only the repeat tables read."""

    output_field = JSONField()

    def __init__(self, expression: Any, repeat_steps: list[tuple[str, ...]]) -> None:
        super().__init__(expression)
        self.repeat_steps = repeat_steps

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        params = list(params)
        for steps in self.repeat_steps:
            sql = f"({sql} #- %s::text[])"
            params.append(list(steps))
        return sql, params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return compiler.compile(self.source_expressions[0])


def main_rows(queryset: QuerySet, repeat_steps: list[tuple[str, ...]] = ()) -> Iterator[tuple]:
    """One tuple per submission, MAIN_VALUES in order, oldest first; the data without the
    repeats at `repeat_steps` where the database can leave them out."""
    if repeat_steps and connection.vendor == "postgresql":
        queryset = queryset.annotate(main_data=_WithoutRepeats(F("current__data"), repeat_steps))
        names = tuple("main_data" if v == "current__data" else v for v in MAIN_VALUES)
    else:
        names = MAIN_VALUES
    versions = SubmissionVersion.objects.filter(submission=OuterRef("pk"))
    attachments = Attachment.objects.filter(version=OuterRef("current"))
    annotated = queryset.annotate(
        edits=_subcount(versions, "submission"),
        attachments_present=_subcount(attachments.exclude(file=""), "version"),
        attachments_expected=_subcount(attachments, "version"),
    )
    return annotated.order_by("pk").values_list(*names).iterator(chunk_size=chunk_size())


def _subcount(queryset: QuerySet, key: str) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values(key).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def data_rows(queryset: QuerySet, steps: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(instance ID, parsed data) per parsed submission, oldest first.

    With `steps` (the keys down to a top-level repeat) only that part of the JSON is read
    (`data -> 'members'`), wrapped back as {steps: value} so callers walk it the same way.
    """
    parsed = queryset.filter(current__data__isnull=False).order_by("pk")
    if steps and all("__" not in step and step.isidentifier() for step in steps):
        lookup = "current__data__" + "__".join(steps)
        rows = parsed.values_list("instance_id", lookup).iterator(chunk_size=chunk_size())
        for instance_id, value in rows:
            wrapped: Any = value
            for step in reversed(steps):
                wrapped = {step: wrapped}
            yield instance_id, wrapped
        return
    yield from parsed.values_list("instance_id", "current__data").iterator(chunk_size=chunk_size())


def attachment_rows(queryset: QuerySet) -> Iterator[tuple[str, str, str, int]]:
    """(instance ID, file name, stored name, size) of every received attachment."""
    return (
        Attachment.objects.filter(version__in=queryset.values("current_id"))
        .exclude(file="")
        .order_by("version__submission_id", "name")
        .values_list("version__submission__instance_id", "name", "file", "size")
        .iterator(chunk_size=chunk_size())
    )


def attachment_bytes(queryset: QuerySet) -> int:
    total = (
        Attachment.objects.filter(version__in=queryset.values("current_id"))
        .exclude(file="")
        .aggregate(total=Sum("size"))["total"]
    )
    return int(total or 0)


Progress = Callable[[int], None]
