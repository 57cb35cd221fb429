"""The tenure section of a household's page: validity dates, and evidence documents attached
and downloaded (personal data: every download is written to the access log)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.audit import access_log_record
from mahalla.core.flash import with_names
from mahalla.core.models import AccessLog
from mahalla.core.uploads.storage import UploadError
from mahalla.registry import evidence, services
from mahalla.registry.forms import EvidenceForm, RelationshipDatesForm
from mahalla.registry.models import TenureRelationship
from mahalla.registry.views.households import household_or_404
from mahalla.surveys.submissions.files import attachment_response


def _relationship(request: HttpRequest, pk: int, rel: int):
    household = household_or_404(request, pk)
    try:
        return household, evidence.relationship_for_change(request.user, household, rel)
    except TenureRelationship.DoesNotExist:
        raise Http404 from None


def _back(household, rel: int) -> HttpResponse:
    response = redirect("registry:household_detail", pk=household.pk)
    response["Location"] += f"#tenure-{rel}"
    return response


@require_POST
@login_required
def tenure_dates(request: HttpRequest, pk: int, rel: int) -> HttpResponse:
    household, relationship = _relationship(request, pk, rel)
    form = RelationshipDatesForm(request.POST, prefix=f"dates-{rel}")
    if form.is_valid():
        evidence.relationship_dates_set(
            user=request.user,
            relationship=relationship,
            valid_from=form.cleaned_data["valid_from"],
            valid_to=form.cleaned_data["valid_to"],
        )
        messages.success(request, _("The dates were saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return _back(household, rel)


@require_POST
@login_required
def evidence_upload(request: HttpRequest, pk: int, rel: int) -> HttpResponse:
    household, relationship = _relationship(request, pk, rel)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"evidence-{rel}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(household, rel)
    try:
        document = evidence.evidence_add(
            user=request.user,
            relationship=relationship,
            uploaded_file=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
    except UploadError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, with_names(_("“%(name)s” was attached."), name=document.name))
    return _back(household, rel)


@login_required
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes (the household's page then offers the undo)."""
    document = evidence.document_get(request.user, pk)
    if document is None:
        raise Http404
    household = document.relationship.household
    if not services.may_change(request.user, household):
        raise PermissionDenied
    if request.method == "POST":
        evidence.evidence_remove(user=request.user, document=document)
        messages.success(request, with_names(_("“%(name)s” was removed."), name=document.name))
        return _back(household, document.relationship_id)
    return render(
        request,
        "registry/evidence_remove.html",
        {"document": document, "household": household},
    )


@require_POST
@login_required
def evidence_restore(request: HttpRequest, pk: int) -> HttpResponse:
    document = evidence.document_get(request.user, pk, removed=True)
    if document is None:
        raise Http404
    household = document.relationship.household
    if not services.may_change(request.user, household):
        raise PermissionDenied
    evidence.evidence_restore(user=request.user, document=document)
    messages.success(request, with_names(_("“%(name)s” is back."), name=document.name))
    return _back(household, document.relationship_id)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    document = evidence.document_get(request.user, pk)
    if (
        document is None
        or not document.file
        or not document.file.storage.exists(document.file.name)
    ):
        raise Http404
    access_log_record(
        user=request.user,
        action=AccessLog.Action.VIEW,
        obj=document.relationship.household,
        rows=1,
        detail=f"evidence {document.pk}",
        request=request,
    )
    return attachment_response(document.file, document.name, document.content_type)
