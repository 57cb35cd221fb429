"""Resolutions: writing one (in a meeting or standalone), its page with progress reports,
escalations and history, a change that refuses a stale edit, and attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.history import history_rows
from mahalla.core.i18n.digits import format_number
from mahalla.governance import selectors
from mahalla.governance.forms import ProgressReportForm, ResolutionEditForm, ResolutionForm
from mahalla.governance.models import ProgressReport
from mahalla.governance.services import meetings as meeting_services
from mahalla.governance.services import resolutions as resolution_services
from mahalla.governance.views.common import (
    add_errors,
    body_or_404,
    managed_body,
    meeting_or_404,
    resolution_or_404,
    today_of,
)
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.submissions.files import attachment_response


def _create(request: HttpRequest, body, meeting, form: ResolutionForm):
    data = form.cleaned_data
    try:
        if meeting is not None:
            meeting_services.resolutions_allowed(meeting)
        return resolution_services.resolution_create(
            body=body,
            by=request.user,
            meeting=meeting,
            text=data["text"],
            responsible=list(data["responsible"]),
            deadline=data.get("deadline"),
            period_amount=data.get("period_amount"),
            period_unit=data.get("period_unit") or "",
        )
    except ValidationError as error:
        add_errors(form, error)
        return None


@login_required
def resolution_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A standalone resolution of a body (one decided outside a recorded meeting)."""
    body = managed_body(request, body_or_404(request, pk))
    form = ResolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resolution = _create(request, body, None, form)
        if resolution is not None:
            messages.success(request, _("The resolution was recorded."))
            return redirect("governance:resolution_detail", pk=resolution.pk)
    return render(
        request, "governance/resolution_form.html", {"body": body, "form": form, "meeting": None}
    )


@require_POST
@login_required
def meeting_resolution_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    body = managed_body(request, meeting.body)
    form = ResolutionForm(request.POST)
    if form.is_valid():
        resolution = _create(request, body, meeting, form)
        if resolution is not None:
            messages.success(
                request,
                _("Resolution %(number)s was recorded.")
                % {"number": format_number(resolution.number)},
            )
            return redirect("governance:meeting_detail", pk=meeting.pk)
    from mahalla.governance.views.meetings import _context

    return render(
        request,
        "governance/meeting_detail.html",
        _context(request, meeting_or_404(request, pk), resolution_form=form),
        status=400,
    )


def _detail_context(request: HttpRequest, resolution, **forms) -> dict:
    body = resolution.body
    today = today_of(body)
    may_manage = selectors.may_manage(request.user, body)
    organisations = selectors.reporting_organisations(request.user, resolution)
    may_report = may_manage or bool(organisations)
    context = {
        "resolution": resolution,
        "body": body,
        "today": today,
        "overdue": resolution.is_open and resolution.deadline < today,
        "reports": selectors.reports_for(resolution),
        "ladder": selectors.ladder_for(resolution),
        "may_manage": may_manage,
        "may_report": may_report,
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, body),
    }
    if may_manage:
        context["edit_form"] = forms.get("edit_form") or ResolutionEditForm(
            initial={
                "version": resolution.version,
                "text": resolution.text,
                "deadline": resolution.deadline,
                "status": resolution.status,
            }
        )
    if may_report:
        context["report_form"] = forms.get("report_form") or ProgressReportForm(
            organisations=organisations or list(resolution.responsible.all())
        )
    if context["can_view_history"]:
        context["history_rows"] = history_rows(resolution)
    context["conflict"] = forms.get("conflict")
    return context


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_or_404(request, pk)
    return render(
        request, "governance/resolution_detail.html", _detail_context(request, resolution)
    )


@require_POST
@login_required
def resolution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_or_404(request, pk)
    managed_body(request, resolution.body)
    form = ResolutionEditForm(request.POST)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            resolution_services.resolution_update(
                resolution=resolution,
                version=data["version"],
                by=request.user,
                text=data["text"],
                deadline=data["deadline"],
                status=data["status"],
            )
        except resolution_services.Conflict as stale:
            conflict = stale.current
            # The next save starts from their version; the user's words stay in the box.
            data = form.data.copy()
            data["version"] = str(conflict.version)
            form = ResolutionEditForm(data)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else changed this resolution while you were editing it. Their "
                    "version is shown; your text is kept below — compare, then save again."
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The resolution was saved."))
            return redirect("governance:resolution_detail", pk=resolution.pk)
    resolution = resolution_or_404(request, pk)
    return render(
        request,
        "governance/resolution_detail.html",
        _detail_context(request, resolution, edit_form=form, conflict=conflict),
        status=409 if conflict is not None else 400,
    )


@require_POST
@login_required
def progress_report_new(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_or_404(request, pk)
    if not selectors.may_report(request.user, resolution):
        raise PermissionDenied
    organisations = selectors.reporting_organisations(request.user, resolution) or list(
        resolution.responsible.all()
    )
    form = ProgressReportForm(request.POST, request.FILES, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            resolution_services.progress_report_add(
                resolution=resolution,
                by=request.user,
                text=data["text"],
                organisation=data.get("organisation"),
                attachment=data.get("attachment"),
                status=data.get("status") or "",
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your report was sent to the body."))
            return redirect("governance:resolution_detail", pk=resolution.pk)
    return render(
        request,
        "governance/resolution_detail.html",
        _detail_context(request, resolution, report_form=form),
        status=400,
    )


@login_required
def report_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    visible = for_user(request.user, Perm.VIEW_GOVERNANCE, ProgressReport.objects.all())
    report = visible.filter(pk=pk).exclude(attachment="").first()
    if report is None:
        if not selectors.may_view(request.user):
            raise PermissionDenied
        raise Http404
    return attachment_response(report.attachment, report.original_name or "attachment", "")
