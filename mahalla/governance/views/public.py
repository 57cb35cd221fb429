"""What a body publishes, for residents (no sign-in): its resolutions with their status and
progress, and the minutes it marked public."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mahalla.governance.models import Body
from mahalla.governance.views.common import PAGE_SIZE, today_of


def public_body(request: HttpRequest, pk: int) -> HttpResponse:
    body = (
        Body.objects.filter(pk=pk, is_public=True, is_active=True)
        .select_related("body_type", "area", "calendar")
        .first()
    )
    if body is None:
        raise Http404
    rows = (
        body.resolutions.exclude(status="cancelled")
        .prefetch_related("responsible")
        .order_by("-decided_on", "-number")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/public_body.html",
        {
            "body": body,
            "today": today_of(body),
            "page": page,
            "resolutions": page.object_list,
            "meetings": body.meetings.filter(minutes_public=True).exclude(minutes="")[:10],
        },
    )
