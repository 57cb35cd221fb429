"""Trackers: what is assigned to an organisation, with its on-time rate, as a page and as a
CSV; a body's resolutions as a printable table; what needs the signed-in person."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from mahalla.core.i18n.calendars import format_date
from mahalla.governance import selectors
from mahalla.governance.clock import reader_today
from mahalla.governance.forms import TrackerFilterForm
from mahalla.governance.models import Notice
from mahalla.governance.services.feeds import feed_token
from mahalla.governance.views.common import PAGE_SIZE, body_or_404, today_of


def _organisation_or_404(request: HttpRequest, pk: int):
    if not selectors.may_view(request.user):
        raise PermissionDenied
    organisation = selectors.organisation_get(request.user, pk)
    if organisation is None:
        raise Http404
    return organisation


def _reader_today(request: HttpRequest):
    """Trackers span bodies in many places: "overdue" there is by the reader's date."""
    return reader_today()


@login_required
def organisation_tracker(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(request, pk)
    today = _reader_today(request)
    rows = selectors.organisation_resolutions(organisation, request.user)
    filters = TrackerFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    shown = selectors.filter_status(rows, status, today)
    page = Paginator(selectors.tracker_rows(shown).order_by("deadline", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/organisation_tracker.html",
        {
            "organisation": organisation,
            "today": today,
            "filters": filters,
            "status": status,
            "page": page,
            "resolutions": page.object_list,
            "compliance": selectors.compliance(rows, today),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(rows, today):
    from django.utils.translation import gettext as _

    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel opens UTF-8 CSV with Thai and Persian text only with a BOM.
    yield writer.writerow(
        [
            _("Body"),
            _("Number"),
            _("Resolution"),
            _("Responsible organisations"),
            _("Decided on"),
            _("Deadline"),
            _("Status"),
            _("Overdue"),
            _("Done on"),
        ]
    )
    # In chunks, each with its own prefetch of organisations: flat memory for 10,000 rows.
    for r in rows.iterator(chunk_size=500):
        overdue = r.is_open and r.deadline < today
        yield writer.writerow(
            [
                r.body.name,
                r.number,
                r.text,
                "; ".join(o.name for o in r.responsible.all()),
                format_date(r.decided_on, style="short"),
                format_date(r.deadline, style="short"),
                r.get_status_display(),
                _("yes") if overdue else "",
                format_date(r.done_on, style="short") if r.done_on else "",
            ]
        )


@login_required
def organisation_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    organisation = _organisation_or_404(request, pk)
    today = _reader_today(request)
    rows = selectors.tracker_rows(
        selectors.organisation_resolutions(organisation, request.user)
    ).order_by("deadline", "pk")
    response = StreamingHttpResponse(_csv_rows(rows, today), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resolutions-{organisation.pk}.csv"'
    return response


@login_required
def body_resolutions_print(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_or_404(request, pk)
    today = today_of(body)
    filters = TrackerFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    rows = selectors.tracker_rows(
        selectors.filter_status(body.resolutions.all(), status, today)
    ).order_by("number")
    return render(
        request,
        "governance/resolutions_print.html",
        {"body": body, "today": today, "resolutions": rows[:2000], "status": status},
    )


@login_required
def attention(request: HttpRequest) -> HttpResponse:
    """What needs the signed-in person, and their notices (marked read once shown)."""
    if not selectors.may_view(request.user):
        raise PermissionDenied
    today = _reader_today(request)
    notices = list(Notice.objects.filter(user=request.user)[:30])
    unread = [n.pk for n in notices if n.read_at is None]
    if unread:
        Notice.objects.filter(pk__in=unread).update(read_at=timezone.now())
    lists = selectors.attention(request.user, today)
    return render(
        request,
        "governance/attention.html",
        {
            "today": today,
            "notices": notices,
            "unread": set(unread),
            "assigned": lists["assigned"][:100],
            "overdue": lists["overdue"][:100],
            "feed_url": settings.SITE_URL.rstrip("/")
            + reverse("governance:person_feed", kwargs={"token": feed_token(request.user).token}),
        },
    )


@login_required
def body_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    body = body_or_404(request, pk)
    rows = selectors.tracker_rows(body.resolutions.all()).order_by("number")
    response = StreamingHttpResponse(
        _csv_rows(rows, today_of(body)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="resolutions-body-{body.pk}.csv"'
    return response
