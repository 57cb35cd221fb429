"""Calendar feeds and the minutes as a printable PDF."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.governance import selectors
from mahalla.governance.models import Body, FeedToken
from mahalla.governance.services import feeds
from mahalla.governance.services import meetings as meeting_services
from mahalla.governance.views.common import meeting_or_404

ICS = "text/calendar; charset=utf-8"


def _ics(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of the bodies the person sits on; the address is the key."""
    found = FeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    user = found.user
    with translation.override(user.language or None):
        data = feeds.calendar_bytes(feeds.person_meetings(user), _("My meetings"))
    return _ics(data, "meetings")


def body_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """A public body's meetings for anyone; another body's for who may see it (signed in,
    or with their feed token as `?token=`)."""
    user = request.user
    token = request.GET.get("token")
    if token:
        found = FeedToken.objects.select_related("user").filter(token=token).first()
        if found is None or not found.user.is_active:
            raise Http404
        user = found.user
    body = selectors.body_get(user, pk) if user.is_authenticated else None
    if body is None:
        body = Body.objects.filter(pk=pk, is_public=True, is_active=True).first()
    if body is None:
        raise Http404
    return _ics(feeds.calendar_bytes(body.meetings.all(), body.name), f"body-{body.pk}")


@require_POST
@login_required
def feed_renew(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view(request.user):
        raise PermissionDenied
    feeds.feed_token_renew(request.user)
    messages.success(request, _("A new calendar link was made; the old one no longer works."))
    return redirect("governance:attention")


@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from mahalla.registry.reports.build import write_pdf

    meeting = meeting_or_404(request, pk)
    if not selectors.may_read_minutes(request.user, meeting):
        raise PermissionDenied
    language = translation.get_language() or "en"
    members = meeting_services.meeting_members(meeting)
    present = {a.membership_id for a in meeting.attendance.all() if a.present}
    html = render_to_string(
        "governance/minutes_pdf.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "members": members,
            "present": present,
            "quorum": meeting_services.quorum(meeting, members),
            "resolutions": meeting.resolutions.prefetch_related("responsible").order_by("number"),
        },
        request=request,
    )
    handle = io.BytesIO()
    write_pdf(html, language[:2], handle)
    response = HttpResponse(handle.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    return response
