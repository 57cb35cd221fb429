"""Export pages: choose filters and a format, download at once (streamed) or via a job."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mahalla.core.jobs.leases import JobStatus, job_refresh
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.surveys.exports import jobs as export_jobs
from mahalla.surveys.exports.build import make_export, query_fields
from mahalla.surveys.exports.csv_zip import zip_stream
from mahalla.surveys.exports.filenames import content_disposition, export_names
from mahalla.surveys.exports.forms import ExportForm
from mahalla.surveys.exports.geojson import geojson_bytes
from mahalla.surveys.exports.jobs import ExportRefused, check_limits, options_to_json
from mahalla.surveys.exports.query import exportable_forms
from mahalla.surveys.models import ExportFormat, ExportJob, Form, FormVersion

STREAMED = {
    ExportFormat.CSV_ZIP: "application/zip",
    ExportFormat.GEOJSON: "application/geo+json",
}
DEFAULTS = {"format": ExportFormat.CSV_ZIP, "label_language": "default"}
FINISHED = {JobStatus.DONE, JobStatus.FAILED}


def _require_export_perm(request: HttpRequest) -> None:
    if not has_perm(request.user, Perm.EXPORT_SUBMISSIONS):
        raise PermissionDenied


def _form(request: HttpRequest, pk: int) -> Form:
    _require_export_perm(request)
    forms = exportable_forms(request.user).select_related("area")
    return get_object_or_404(forms, pk=pk)


def _export_form(request: HttpRequest, form: Form, data) -> tuple[ExportForm, list[dict]]:
    fields = query_fields(FormVersion.objects.filter(form=form).order_by("-created_at", "-pk"))
    return ExportForm(data, user=request.user, form=form, fields=fields), fields


def _page(request: HttpRequest, form: Form, export_form: ExportForm, status: int = 200, **extra):
    jobs = ExportJob.objects.filter(form=form, created_by=request.user)[:5]
    context = {"survey_form": form, "form": export_form, "jobs": jobs, **extra}
    return render(request, "surveys/exports/export_form.html", context, status=status)


@login_required
def export_form(request: HttpRequest, pk: int) -> HttpResponse:
    form = _form(request, pk)
    export_form, _fields = _export_form(request, form, None)
    return _page(request, form, export_form)


@login_required
@require_http_methods(["GET", "POST"])
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The export streamed as it is built (CSV zip, GeoJSON); XLSX goes through a job."""
    form = _form(request, pk)
    # The page posts its choices (the CSRF token stays out of the URL); a bare link (no
    # choices) is the whole csv.zip with names, as Central's is.
    query = (request.POST if request.method == "POST" else request.GET).copy()
    query.pop("csrfmiddlewaretoken", None)
    for name, value in DEFAULTS.items():
        query.setdefault(name, value)
    export_form, _fields = _export_form(request, form, query)
    if not export_form.is_valid():
        return _page(request, form, export_form, status=400)
    fmt = export_form.cleaned_data["format"]
    if fmt not in STREAMED:
        return _start_job(request, form, export_form)
    data = export_form.cleaned_data
    export = make_export(
        request.user,
        form,
        export_form.filters(),
        export_form.options(),
        attachments=bool(data.get("attachments")) and fmt == ExportFormat.CSV_ZIP,
        geo_field=data.get("geo_field") or "",
    )
    try:
        check_limits(export)
    except ExportRefused as refused:
        return _page(request, form, export_form, status=400, refusal=refused.failure)
    body = zip_stream(export) if fmt == ExportFormat.CSV_ZIP else geojson_bytes(export)
    response = StreamingHttpResponse(body, content_type=STREAMED[fmt])
    ascii_name, unicode_name = export_names(form.xml_form_id, form.name, fmt)
    response["Content-Disposition"] = content_disposition(ascii_name, unicode_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def _start_job(request: HttpRequest, form: Form, export_form: ExportForm) -> HttpResponse:
    data = export_form.cleaned_data
    fmt = data["format"]
    options = options_to_json(
        export_form.filters(),
        export_form.options(),
        bool(data.get("attachments")) and fmt == ExportFormat.CSV_ZIP,
        data.get("geo_field") or "",
    )
    job = export_jobs.export_job_create(user=request.user, form=form, fmt=fmt, options=options)
    return redirect("surveys:export_job_detail", pk=job.pk)


@login_required
@require_POST
def export_job_new(request: HttpRequest, pk: int) -> HttpResponse:
    form = _form(request, pk)
    export_form, _fields = _export_form(request, form, request.POST)
    if not export_form.is_valid():
        return _page(request, form, export_form, status=400)
    return _start_job(request, form, export_form)


def _job(request: HttpRequest, pk: int) -> ExportJob:
    _require_export_perm(request)
    forms = exportable_forms(request.user)
    jobs = ExportJob.objects.select_related("form").filter(created_by=request.user, form__in=forms)
    return job_refresh(get_object_or_404(jobs, pk=pk))


@login_required
def export_job_list(request: HttpRequest) -> HttpResponse:
    _require_export_perm(request)
    forms = exportable_forms(request.user)
    jobs = ExportJob.objects.select_related("form").filter(created_by=request.user, form__in=forms)
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    for job in page.object_list:
        job_refresh(job)
    return render(request, "surveys/exports/export_job_list.html", {"page": page})


@login_required
def export_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {"job": job, "finished": job.status in FINISHED}
    return render(request, "surveys/exports/export_job_detail.html", context)


@login_required
def export_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context = {"job": job, "finished": job.status in FINISHED}
    return render(request, "surveys/exports/_export_job_progress.html", context)


@login_required
def export_job_file(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    _ascii, unicode_name = export_names(
        job.form.xml_form_id, job.form.name, job.format, when=job.created_at
    )
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name)
    response["Content-Disposition"] = content_disposition(job.file_name, unicode_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def export_job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    export_jobs.export_job_rerun(job=job)
    return redirect("surveys:export_job_detail", pk=job.pk)
