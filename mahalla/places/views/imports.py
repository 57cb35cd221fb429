"""Boundary import: upload a file, map its properties, follow the job, read the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from mahalla.core.jobs.leases import job_refresh
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places import selectors
from mahalla.places.boundary_imports.mapping_fields import (
    check_notices,
    check_options,
    property_tables,
)
from mahalla.places.forms import (
    ENCODING_LABELS,
    BoundaryMappingForm,
    BoundaryUploadForm,
    guessed_encodings,
)
from mahalla.places.models import Area, BoundaryImport

# Set by the upload service before the mapping step; not every model version names it.
UPLOADED = getattr(BoundaryImport.Status, "UPLOADED", "uploaded")
FINISHED = {BoundaryImport.Status.DONE, BoundaryImport.Status.FAILED}


@login_required
def boundary_import_new(request: HttpRequest, pk: int) -> HttpResponse:
    areas = for_user(request.user, Perm.IMPORT_BOUNDARIES, Area.objects.select_related("level"))
    area = get_object_or_404(areas, pk=pk)
    posted = request.method == "POST"
    form = BoundaryUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        from mahalla.places.boundary_imports.service import (
            BoundaryFileError,
            boundary_import_upload,
        )

        try:
            boundary_import = boundary_import_upload(
                user=request.user, parent=area, uploaded_file=form.cleaned_data["file"]
            )
        except BoundaryFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("places:boundary_import_detail", pk=boundary_import.pk)
    context = {
        "area": area,
        "form": form,
        "imports": selectors.boundary_import_list(user=request.user, area=area),
    }
    return render(request, "places/boundary_import_new.html", context)


def _get_import(request: HttpRequest, pk: int) -> BoundaryImport:
    boundary_import = selectors.boundary_import_get(user=request.user, pk=pk)
    if boundary_import is None:
        raise Http404
    # A job whose worker died shows as failed, with "run again", instead of running forever.
    return job_refresh(boundary_import)


def _mapping_initial(boundary_import: BoundaryImport) -> dict:
    """The choices made before, when the person comes back from the preview."""
    if boundary_import.level_id is None:
        return {}
    fields = ("layer", "code_field", "name_en_field", "name_th_field", "name_fa_field")
    initial = {name: getattr(boundary_import, name) for name in fields}
    initial["parent_code_field"] = boundary_import.parent_code_field
    initial["level"] = boundary_import.level_id
    if boundary_import.encoding:
        initial["encoding"] = boundary_import.encoding
    return initial


@login_required
def boundary_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    boundary_import = _get_import(request, pk)
    if boundary_import.awaiting_confirmation:
        return redirect("places:boundary_import_preview", pk=boundary_import.pk)
    form = None
    if boundary_import.status == UPLOADED:
        form = BoundaryMappingForm(
            request.POST if request.method == "POST" else None,
            inspection=boundary_import.inspection or {},
            parent=boundary_import.parent,
            initial=_mapping_initial(boundary_import),
        )
        if request.method == "POST" and form.is_valid():
            from mahalla.places.boundary_imports.service import boundary_import_start

            data = form.cleaned_data
            try:
                boundary_import_start(
                    boundary_import=boundary_import,
                    user=request.user,
                    level=data["level"],
                    layer=data.get("layer", ""),
                    code_field=data["code_field"],
                    name_en_field=data["name_en_field"],
                    name_th_field=data["name_th_field"],
                    name_fa_field=data["name_fa_field"],
                    parent_code_field=data["parent_code_field"],
                    encoding=data.get("encoding", ""),
                    **check_options(data),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect("places:boundary_import_detail", pk=boundary_import.pk)
    return render(
        request,
        "places/boundary_import_detail.html",
        {
            "boundary_import": boundary_import,
            "area": boundary_import.parent,
            "form": form,
            "finished": boundary_import.status in FINISHED,
            "guessed_encodings": guessed_encodings(boundary_import.inspection or {}),
            "encoding_label": ENCODING_LABELS.get(boundary_import.encoding, ""),
            "check_notices": check_notices(boundary_import.inspection or {}) if form else [],
            "property_tables": property_tables(boundary_import.inspection or {}) if form else [],
        },
    )


@login_required
@require_POST
def boundary_import_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    boundary_import = _get_import(request, pk)
    from mahalla.places.boundary_imports.service import boundary_import_rerun as rerun

    try:
        rerun(boundary_import=boundary_import, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("places:boundary_import_detail", pk=boundary_import.pk)


@login_required
def boundary_import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    boundary_import = _get_import(request, pk)
    if boundary_import.awaiting_confirmation:
        # The plan is ready: the whole page becomes the preview.
        preview = reverse("places:boundary_import_preview", kwargs={"pk": boundary_import.pk})
        if request.htmx:
            return HttpResponseClientRedirect(preview)
        return redirect(preview)
    return render(
        request,
        "places/_boundary_import_progress.html",
        {"boundary_import": boundary_import, "finished": boundary_import.status in FINISHED},
    )
