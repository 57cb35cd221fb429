"""Governance querysets for pages and the API, all through the one scoping function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, Q, QuerySet

from mahalla.core.i18n.text import normalize_search
from mahalla.governance.models import Body, Meeting, Membership, ProgressReport, Resolution
from mahalla.governance.models.resolutions import OPEN_STATUSES
from mahalla.people.models import Organisation
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm


def may_view(user: Any) -> bool:
    return has_perm(user, Perm.VIEW_GOVERNANCE)


def bodies(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_GOVERNANCE, Body.objects.filter(is_active=True))


def body_list(user: Any, *, q: str = "", body_type=None) -> QuerySet:
    rows = (
        bodies(user)
        .select_related("body_type", "area")
        .annotate(open_count=Count("resolutions", filter=Q(resolutions__status__in=OPEN_STATUSES)))
    )
    if body_type is not None:
        rows = rows.filter(body_type=body_type)
    if q:
        needle = normalize_search(q)
        # Names are few per scope: fold in Python, where Persian and Thai folding lives.
        ids = [
            pk
            for pk, *names in bodies(user).values_list("pk", "name_en", "name_th", "name_fa")
            if any(needle in normalize_search(n) for n in names if n)
        ]
        rows = rows.filter(pk__in=ids)
    return rows.order_by("area__path", "name_en", "pk")


def body_get(user: Any, pk: int) -> Body | None:
    return (
        bodies(user)
        .select_related("body_type", "area", "calendar", "parent", "organisation")
        .filter(pk=pk)
        .first()
    )


def may_manage(user: Any, body: Body) -> bool:
    return has_perm(user, Perm.MANAGE_GOVERNANCE, body)


def is_member(user: Any, body: Body) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(body=body, user=user).exists()


def may_read_minutes(user: Any, meeting: Meeting) -> bool:
    """Closed minutes: for the body's members and those who manage it; public ones for all
    who see the body."""
    return meeting.minutes_public or may_manage(user, meeting.body) or is_member(user, meeting.body)


def meetings(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_GOVERNANCE, Meeting.objects.all())


def meeting_get(user: Any, pk: int) -> Meeting | None:
    return (
        meetings(user)
        .select_related("body__body_type", "body__calendar", "body__area")
        .prefetch_related("attendance")
        .filter(pk=pk)
        .first()
    )


def resolutions(user: Any) -> QuerySet:
    return for_user(user, Perm.VIEW_GOVERNANCE, Resolution.objects.all())


def resolution_get(user: Any, pk: int) -> Resolution | None:
    return (
        resolutions(user)
        .select_related("body__body_type", "body__calendar", "body__area", "meeting")
        .prefetch_related("responsible")
        .filter(pk=pk)
        .first()
    )


def may_report(user: Any, resolution: Resolution) -> bool:
    """Focal points of a responsible organisation, and whoever manages the body."""
    if has_perm(user, Perm.MANAGE_GOVERNANCE, resolution.body):
        return True
    return any(has_perm(user, Perm.REPORT_PROGRESS, o) for o in resolution.responsible.all())


def reporting_organisations(user: Any, resolution: Resolution) -> list[Organisation]:
    return [o for o in resolution.responsible.all() if has_perm(user, Perm.REPORT_PROGRESS, o)]


def with_overdue(rows: QuerySet, today: date) -> QuerySet:
    return rows.annotate(
        overdue=Q(status__in=OPEN_STATUSES, deadline__lt=today),
    )


STATUS_FILTERS = ("open", "overdue", "in_progress", "done", "cancelled")


def filter_status(rows: QuerySet, status: str, today: date) -> QuerySet:
    if status == "overdue":
        return rows.filter(status__in=OPEN_STATUSES, deadline__lt=today)
    if status == "open":
        return rows.filter(status__in=OPEN_STATUSES)
    if status in Resolution.Status.values:
        return rows.filter(status=status)
    return rows


def tracker_rows(rows: QuerySet) -> QuerySet:
    """A page of resolutions in a bounded number of queries (two: rows, then their
    responsible organisations)."""
    return rows.select_related("body", "body__area").prefetch_related("responsible")


@dataclass(frozen=True)
class Compliance:
    total: int
    done: int
    done_on_time: int
    open: int
    overdue: int
    average_delay_days: float | None

    @property
    def on_time_rate(self) -> float | None:
        """Resolutions done by their deadline, of those done or already late."""
        judged = self.done + self.overdue
        return None if judged == 0 else (self.done_on_time / judged)


def compliance(rows: QuerySet, today: date) -> Compliance:
    """On-time rate and average delay, counted in the database in one query (plus one for
    the delays of resolutions done late)."""
    totals = rows.aggregate(
        total=Count("pk", distinct=True),
        done=Count("pk", filter=Q(status=Resolution.Status.DONE), distinct=True),
        on_time=Count(
            "pk",
            filter=Q(status=Resolution.Status.DONE, done_on__lte=F("deadline")),
            distinct=True,
        ),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=True),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today), distinct=True),
    )
    late = (
        rows.filter(
            Q(status=Resolution.Status.DONE, done_on__gt=F("deadline"))
            | Q(status__in=OPEN_STATUSES, deadline__lt=today)
        )
        .values_list("deadline", "done_on")
        .distinct()
    )
    delays = [((done_on or today) - deadline).days for deadline, done_on in late]
    return Compliance(
        total=totals["total"],
        done=totals["done"],
        done_on_time=totals["on_time"],
        open=totals["open"],
        overdue=totals["overdue"],
        average_delay_days=(sum(delays) / len(delays)) if delays else None,
    )


def organisation_resolutions(organisation: Organisation, user: Any) -> QuerySet:
    return resolutions(user).filter(
        pk__in=Resolution.responsible.through.objects.filter(
            organisation_id=organisation.pk
        ).values("resolution_id")
    )


def organisation_get(user: Any, pk: int) -> Organisation | None:
    """An organisation whose tracker the user may read: one in scope, or one with a
    resolution the user sees."""
    org = for_user(user, Perm.VIEW_ORGANISATION, Organisation.objects.all()).filter(pk=pk).first()
    if org is not None:
        return org
    visible = resolutions(user).filter(responsible=pk)
    return Organisation.objects.filter(pk=pk).filter(Exists(visible)).first()


def reports_for(resolution: Resolution) -> QuerySet:
    return ProgressReport.objects.filter(resolution=resolution).select_related(
        "author", "organisation"
    )


def ladder_for(resolution: Resolution):
    from mahalla.governance.services.escalation import ladder

    return ladder(resolution)


def attention(user: Any, today: date) -> dict[str, QuerySet]:
    """What needs this person: resolutions of their organisations due soon or overdue, and
    overdue resolutions of the bodies they chair or are secretary of (and of those bodies'
    children)."""
    from mahalla.governance.services.notify import OFFICERS, current_terms

    officer_of = Membership.objects.filter(
        current_terms(today), user=user, role__in=OFFICERS
    ).values("body_id")
    org_ids = list(
        user.role_grants.filter(revoked_at__isnull=True, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    assigned = Resolution.responsible.through.objects.filter(organisation_id__in=org_ids).values(
        "resolution_id"
    )
    open_rows = Resolution.objects.filter(status__in=OPEN_STATUSES)
    return {
        "assigned": tracker_rows(
            open_rows.filter(pk__in=assigned, remind_on__lte=today).order_by("deadline", "pk")
        ),
        "overdue": tracker_rows(
            open_rows.filter(
                Q(body__in=officer_of) | Q(body__parent__in=officer_of, escalate_on__lte=today),
                deadline__lt=today,
            ).order_by("deadline", "pk")
        ),
    }


def open_exists(body: Body) -> bool:
    return Resolution.objects.filter(body=body, status__in=OPEN_STATUSES).exists()


def minutes_readable_bodies(user) -> set[int]:
    """Bodies whose closed minutes the user reads: those they manage or sit on."""
    if not getattr(user, "is_authenticated", False):
        return set()
    managed = for_user(user, Perm.MANAGE_GOVERNANCE, Body.objects.all()).values_list(
        "pk", flat=True
    )
    member_of = Membership.objects.filter(user=user).values_list("body_id", flat=True)
    return set(managed) | set(member_of)
