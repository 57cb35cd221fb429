"""The access log page of an auditor: filters, pages of entries and a CSV download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from mahalla.people import access_log
from mahalla.people.forms import AccessLogFilterForm
from mahalla.people.roles import Perm
from mahalla.people.views.common import paginate, require_perm


def _entries(request: HttpRequest):
    require_perm(request, Perm.VIEW_ACCESS_LOG)
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = access_log.access_log_list(
        user=request.user,
        who=filters.get("who", ""),
        action=filters.get("action", ""),
        record_type=filters.get("record_type", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    return form, filters, entries


@login_required
def access_log_list(request: HttpRequest) -> HttpResponse:
    form, filters, entries = _entries(request)
    page = paginate(request, entries, per_page=50)
    access_log.with_areas(list(page.object_list))
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.values()),
        "query": request.GET.urlencode(),
    }
    return render(request, "people/access_log.html", context)


@login_required
def access_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, _filters, entries = _entries(request)
    response = StreamingHttpResponse(access_log.csv_rows(entries), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
