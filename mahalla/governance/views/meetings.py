"""Meetings: scheduling, one meeting's page (agenda, attendance and quorum, minutes, the
resolutions it passed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.core.i18n.timezones import time_zone_name
from mahalla.governance import selectors
from mahalla.governance.forms import AttendanceForm, MeetingForm, MinutesForm, ResolutionForm
from mahalla.governance.services import meetings as meeting_services
from mahalla.governance.views.common import (
    add_errors,
    body_or_404,
    flash_errors,
    managed_body,
    meeting_or_404,
    today_of,
)
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm


@login_required
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, body_or_404(request, pk))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_schedule(
                body=body,
                by=request.user,
                starts_at=form.starts_at(body.calendar.time_zone),
                location=form.cleaned_data["location"],
                agenda=form.cleaned_data["agenda"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting was scheduled and its members invited."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {"body": body, "form": form, "zone": time_zone_name(body.calendar.time_zone)},
    )


def _context(request: HttpRequest, meeting, **forms) -> dict:
    body = meeting.body
    members = meeting_services.meeting_members(meeting)
    present = {a.membership_id for a in meeting.attendance.all() if a.present}
    may_manage = selectors.may_manage(request.user, body)
    context = {
        "meeting": meeting,
        "body": body,
        "today": today_of(body),
        "members": members,
        "present": present,
        "attendance_recorded": bool(meeting.attendance.all()),
        "quorum": meeting_services.quorum(meeting, members),
        "may_manage": may_manage,
        "may_read_minutes": selectors.may_read_minutes(request.user, meeting),
        "resolutions": selectors.tracker_rows(meeting.resolutions.all()).order_by("number"),
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, body),
        "attachments": list(meeting.attachments.all()),
        "attachment_form": AttachmentForm() if may_manage else None,
    }
    if may_manage:
        context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
            members=members, present=present
        )
        context["minutes_form"] = forms.get("minutes_form") or MinutesForm(
            initial={"minutes": meeting.minutes, "public": meeting.minutes_public}
        )
        context["resolution_form"] = forms.get("resolution_form") or ResolutionForm()
    if context["can_view_history"] and context["may_read_minutes"]:
        context["history_rows"] = history_rows(meeting)
    return context


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    return render(request, "governance/meeting_detail.html", _context(request, meeting))


@require_POST
@login_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    managed_body(request, meeting.body)
    members = meeting_services.meeting_members(meeting)
    form = AttendanceForm(request.POST, members=members, present=set())
    if form.is_valid():
        try:
            q = meeting_services.attendance_record(
                meeting=meeting, by=request.user, present_ids=form.present_ids()
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if q.reached:
                messages.success(request, _("Attendance saved: the quorum is reached."))
            else:
                messages.warning(request, _("Attendance saved, but there is no quorum."))
    else:
        flash_errors(request, form)
    return redirect("governance:meeting_detail", pk=meeting.pk)


@require_POST
@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    managed_body(request, meeting.body)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            meeting_services.minutes_save(
                meeting=meeting,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                public=form.cleaned_data["public"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    meeting = meeting_or_404(request, pk)
    return render(
        request,
        "governance/meeting_detail.html",
        _context(request, meeting, minutes_form=form),
        status=400,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))


@require_POST
@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    managed_body(request, meeting.body)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            meeting_services.attachment_add(
                meeting=meeting, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The file was attached."))
    else:
        flash_errors(request, form)
    return redirect(reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}) + "#files")


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    from mahalla.governance.models import MeetingAttachment
    from mahalla.surveys.submissions.files import attachment_response

    attachment = MeetingAttachment.objects.filter(pk=pk).select_related("meeting").first()
    if attachment is None:
        raise Http404
    meeting = meeting_or_404(request, attachment.meeting_id)
    if not selectors.may_read_minutes(request.user, meeting):
        raise PermissionDenied
    return attachment_response(attachment.file, attachment.original_name, "")
