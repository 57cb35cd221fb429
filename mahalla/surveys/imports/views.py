"""Survey data import pages: list per form, upload, mapping and preview, progress, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from mahalla.core.jobs.leases import job_refresh
from mahalla.core.uploads.storage import UploadError
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.surveys.imports import columns as cols
from mahalla.surveys.imports import service
from mahalla.surveys.imports.forms import ImportMappingForm, ImportUploadForm, ImportWriteForm
from mahalla.surveys.imports.readers import ENCODINGS
from mahalla.surveys.models import Form, SurveyImport


def _forms(request: HttpRequest):
    # A permission held nowhere is a 403; a form outside the scope a 404.
    if not has_perm(request.user, Perm.MANAGE_SURVEYS):
        raise PermissionDenied
    return for_user(request.user, Perm.MANAGE_SURVEYS, Form.objects.select_related("area"))


def _form(request: HttpRequest, pk: int) -> Form:
    return get_object_or_404(_forms(request), pk=pk)


def _job(request: HttpRequest, pk: int) -> SurveyImport:
    jobs = SurveyImport.objects.select_related(
        "form_version__form__area", "campaign", "created_by", "confirmed_by"
    ).filter(form_version__form__in=_forms(request))
    # A job whose worker died shows as failed, with "run again", instead of running forever.
    return job_refresh(get_object_or_404(jobs, pk=pk))


@login_required
def data_import_list(request: HttpRequest, form_pk: int) -> HttpResponse:
    form = _form(request, form_pk)
    imports = SurveyImport.objects.filter(form_version__form=form).select_related(
        "form_version", "created_by"
    )[:50]
    return render(request, "surveys/imports/list.html", {"form": form, "imports": imports})


@login_required
def data_import_new(request: HttpRequest, form_pk: int) -> HttpResponse:
    survey_form = _form(request, form_pk)
    posted = request.method == "POST"
    upload = ImportUploadForm(
        request.POST if posted else None, request.FILES if posted else None, form=survey_form
    )
    if posted and upload.is_valid():
        try:
            job = service.import_upload(
                user=request.user,
                version=upload.cleaned_data["version"],
                uploaded_file=upload.cleaned_data["file"],
                campaign=upload.cleaned_data["campaign"],
            )
        except UploadError as error:
            upload.add_error("file", error.message)
        else:
            return redirect("surveys:data_import_detail", pk=job.pk)
    context = {
        "form": upload,
        "survey_form": survey_form,
        "cancel_url": reverse("surveys:data_import_list", kwargs={"form_pk": survey_form.pk}),
    }
    return render(request, "surveys/imports/new.html", context)


def _context(job: SurveyImport, **extra) -> dict:
    return {
        "job": job,
        "survey_form": job.form_version.form,
        "progress_url": reverse("surveys:data_import_progress", kwargs={"pk": job.pk}),
        "rerun_url": reverse("surveys:data_import_rerun", kwargs={"pk": job.pk})
        if job.file and job.mapping
        else "",
        "result_template": "surveys/imports/_result.html",
        # A location named in a problem links to the form's area map, marked.
        "map_url": reverse("places:area_detail", kwargs={"pk": job.form_version.form.area_id}),
        "encoding_label": ENCODINGS.get(job.encoding, ""),
        "has_repeats": bool(cols.first_level_repeats(job.form_version.fields)),
        **extra,
    }


@login_required
def data_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    mapping = None
    if service.can_map(job) and job.inspection:
        posted = request.method == "POST"
        mapping = ImportMappingForm(request.POST if posted else None, job=job)
        if posted and mapping.is_valid():
            try:
                service.import_start(
                    job=job,
                    user=request.user,
                    mapping=mapping.mapping(),
                    encoding=mapping.cleaned_data.get("encoding", ""),
                )
            except ValidationError as error:
                for text in error.messages:
                    mapping.add_error(None, text)
            else:
                return redirect("surveys:data_import_detail", pk=job.pk)
    write = ImportWriteForm(initial={"skip_bad_rows": job.skip_bad_rows})
    return render(
        request,
        "surveys/imports/detail.html",
        _context(
            job,
            mapping=mapping,
            write_form=write,
            may_approve=service.may_approve(request.user, job),
        ),
    )


@login_required
def data_import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.awaiting_confirmation:
        # The check is done: the whole page becomes the preview.
        preview = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
        if request.htmx:
            return HttpResponseClientRedirect(preview)
        return redirect(preview)
    return render(request, "surveys/imports/_progress.html", _context(job))


@login_required
@require_POST
def data_import_write(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    form = ImportWriteForm(request.POST)
    valid = form.is_valid()
    skip = valid and form.cleaned_data["skip_bad_rows"]
    approve = valid and form.cleaned_data["approve"]
    try:
        service.import_confirm(job=job, user=request.user, skip_bad_rows=skip, approve=approve)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("surveys:data_import_detail", pk=job.pk)


@login_required
@require_POST
def data_import_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        service.import_rerun(job=job, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("surveys:data_import_detail", pk=job.pk)
