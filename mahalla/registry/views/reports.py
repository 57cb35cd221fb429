"""District report pages: ask for one from the dashboard, follow its progress, download it.

A report holds aggregates and community names only (no household), so whoever may read an
area's registry may make one; each person sees their own reports, in their current scope.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.jobs.leases import JobStatus, job_refresh
from mahalla.core.jobs.messages import render_text
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.registry import selectors
from mahalla.registry.forms import DashboardFilterForm, ReportForm
from mahalla.registry.models import DistrictReport
from mahalla.registry.reports import jobs
from mahalla.registry.views.dashboards import _area
from mahalla.surveys.exports.filenames import content_disposition, unicode_stem

FINISHED = {JobStatus.DONE, JobStatus.FAILED}


def _reports(request: HttpRequest):
    if not selectors.may_view_registry(request.user):
        raise PermissionDenied
    areas = for_user(request.user, Perm.VIEW_REGISTRY, Area.objects.all())
    return DistrictReport.objects.select_related("area__level").filter(
        created_by=request.user, area__in=areas
    )


def _report(request: HttpRequest, pk: int) -> DistrictReport:
    return job_refresh(get_object_or_404(_reports(request), pk=pk))


@login_required
@require_POST
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    area = _area(request, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered for the report."))
        return redirect("registry:dashboard", pk=area.pk)
    # The dashboard's filters ride along as hidden fields; only those it knows are kept.
    names = DashboardFilterForm.base_fields.keys() - {"q", "within"}
    filters = {name: request.POST[name] for name in names if request.POST.get(name)}
    try:
        report = jobs.report_create(
            user=request.user, area=area, language=form.cleaned_data["language"], filters=filters
        )
    except jobs.ReportRefused as refused:
        messages.error(request, render_text(refused.failure))
        return redirect("registry:report_list")
    return redirect("registry:report_detail", pk=report.pk)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_reports(request), 25).get_page(request.GET.get("page"))
    for report in page.object_list:
        job_refresh(report)
    return render(request, "registry/report_list.html", {"page": page})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {"report": report, "finished": report.status in FINISHED}
    return render(request, "registry/report_detail.html", context)


@login_required
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    context = {"report": report, "finished": report.status in FINISHED}
    return render(request, "registry/_report_progress.html", context)


def file_names(report: DistrictReport) -> tuple[str, str]:
    stamp = timezone.localtime(report.created_at).strftime("%Y%m%d")
    with translation.override(report.language):
        name = unicode_stem(str(report.area.name)) or "report"
    return f"report-{report.area_id}-{report.language}-{stamp}.pdf", f"{name}-{stamp}.pdf"


@login_required
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    report = _report(request, pk)
    if report.status != JobStatus.DONE or not report.file:
        raise Http404
    ascii_name, unicode_name = file_names(report)
    response = FileResponse(report.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(ascii_name, unicode_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def report_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        jobs.report_rerun(report=report)
    except jobs.ReportRefused as refused:
        messages.error(request, render_text(refused.failure))
    return redirect("registry:report_detail", pk=report.pk)
