"""Tenure relationships as people keep them: the dates a right is valid and the documents
that support it (a title deed, a lease, a permit, a rent receipt, a letter from the
landowner) photographed or scanned and attached to the household's relationship.

Documents are personal data: only those who may change the household (the registry right
and the personal-data right, in scope) attach them, and only those who may see the household
download them (each download written to the access log). A document is kept as sent, with
its SHA-256; the same file is not attached twice to one relationship. Removing one hides it
(the page offers the undo); nothing deletes its file from a page.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import message, register
from mahalla.core.uploads.storage import UploadError, check_size, original_name, store_file
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.registry import services
from mahalla.registry.models import EvidenceDocument, Household, TenureRelationship, Value

register(
    {
        "registry.evidence_type": _(
            "The file is not a PDF, a JPEG or PNG photo, or a WebP image: save the scan as "
            "one of these and attach it again."
        ),
        "registry.evidence_too_many": _(
            "A tenure relationship holds at most %(limit)s documents; this one has them all."
        ),
        "registry.evidence_repeat": _("This file is already attached, as “%(name)s”."),
        "registry.evidence_empty": _("The file is empty."),
    }
)

# What a phone's camera or a scanner makes; each is recognised by its first bytes, not by
# the name or the type the browser claims (a renamed file is refused).
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
HEAD = 16


def max_bytes() -> int:
    return int(getattr(settings, "REGISTRY_EVIDENCE_MAX_MB", 10)) * 1024 * 1024


def max_per_relationship() -> int:
    return int(getattr(settings, "REGISTRY_EVIDENCE_MAX_PER_RELATIONSHIP", 20))


def sniff(head: bytes) -> str | None:
    """The content type the file's first bytes show, or None for anything else."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def relationships_of(household: Household) -> list[TenureRelationship]:
    """The household's relationships with what the page shows of them, oldest first; each
    with `active_documents` and `removed_documents`."""
    documents = EvidenceDocument.objects.select_related("kind", "removed_by").order_by(
        "created_at", "pk"
    )
    relationships = list(
        household.relationships.filter(is_deleted=False)
        .select_related("tenure_type", "spatial_unit")
        .prefetch_related(Prefetch("documents", queryset=documents))
        .order_by("valid_from", "pk")
    )
    for relationship in relationships:
        every = list(relationship.documents.all())
        relationship.active_documents = [d for d in every if d.removed_at is None]
        relationship.removed_documents = [d for d in every if d.removed_at is not None]
    return relationships


def relationship_for_change(user: Any, household: Household, pk: int) -> TenureRelationship:
    """One of the household's relationships, for someone who may change the household."""
    if not services.may_change(user, household):
        raise PermissionDenied
    found = for_user(
        user, Perm.CHANGE_REGISTRY, TenureRelationship.objects.filter(household=household)
    ).filter(pk=pk, is_deleted=False)
    relationship = found.select_related("spatial_unit__area").first()
    if relationship is None:
        raise TenureRelationship.DoesNotExist
    return relationship


def _digest(uploaded_file: Any) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def evidence_add(
    *, user: Any, relationship: TenureRelationship, uploaded_file: Any, kind: Value | None = None
) -> EvidenceDocument:
    """Attach a document to a relationship; `UploadError` (with a message code) when the file
    cannot be one, and then nothing is stored."""
    household = relationship.household
    if household is None or not services.may_change(user, household):
        raise PermissionDenied
    check_size(uploaded_file, max_bytes())
    if not uploaded_file.size:
        raise UploadError(message("registry.evidence_empty"))
    head = uploaded_file.read(HEAD)
    uploaded_file.seek(0)
    content_type = sniff(head)
    if content_type is None:
        raise UploadError(message("registry.evidence_type"))
    sha256 = _digest(uploaded_file)
    name = original_name(uploaded_file)
    with transaction.atomic():
        # Locked, so two uploads at once cannot pass the count or the repeat check together.
        TenureRelationship.objects.select_for_update().get(pk=relationship.pk)
        documents = relationship.documents.filter(removed_at__isnull=True)
        repeat = documents.filter(sha256=sha256).first()
        if repeat is not None:
            raise UploadError(message("registry.evidence_repeat", name=repeat.name))
        limit = max_per_relationship()
        if documents.count() >= limit:
            raise UploadError(message("registry.evidence_too_many", limit=limit))
        document = EvidenceDocument(
            relationship=relationship,
            kind=kind,
            name=name,
            sha256=sha256,
            size=uploaded_file.size,
            content_type=content_type,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        store_file(document.file, uploaded_file, name)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)  # no file without its record
            raise
    return document


def relationship_dates_set(
    *, user: Any, relationship: TenureRelationship, valid_from: date | None, valid_to: date | None
) -> TenureRelationship:
    """Set when the right began and when it ends (or ended); kept in the history."""
    household = relationship.household
    if household is None or not services.may_change(user, household):
        raise PermissionDenied
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError(_("The end date comes before the start date."), code="dates_in_order")
    with transaction.atomic():
        locked = TenureRelationship.objects.select_for_update().get(pk=relationship.pk)
        if (locked.valid_from, locked.valid_to) != (valid_from, valid_to):
            locked.valid_from, locked.valid_to = valid_from, valid_to
            locked._history_user = user
            locked.save(update_fields=["valid_from", "valid_to", "updated_at"])
    return locked


def document_get(user: Any, pk: int, removed: bool = False) -> EvidenceDocument | None:
    """A document of a household the user may see with its personal data, or None;
    `removed` finds only removed ones (to restore them), else only those not removed."""
    from mahalla.registry import selectors

    document = (
        EvidenceDocument.objects.filter(
            pk=pk, relationship__is_deleted=False, removed_at__isnull=not removed
        )
        .select_related("relationship", "removed_by")
        .first()
    )
    if document is None or document.relationship.household_id is None:
        return None
    household = selectors.household_get(user=user, pk=document.relationship.household_id)
    if household is None:
        return None
    document.relationship.household = household
    return document


def _set_removed(*, user: Any, document: EvidenceDocument, removed: bool) -> EvidenceDocument:
    if not services.may_change(user, document.relationship.household):
        raise PermissionDenied
    with transaction.atomic():
        locked = EvidenceDocument.objects.select_for_update().get(pk=document.pk)
        if (locked.removed_at is not None) != removed:
            locked.removed_at = timezone.now() if removed else None
            locked.removed_by = user if removed else None
            locked.save(update_fields=["removed_at", "removed_by"])
    return locked


def evidence_remove(*, user: Any, document: EvidenceDocument) -> EvidenceDocument:
    """Hide a document attached by mistake; its file stays, so the removal can be undone."""
    return _set_removed(user=user, document=document, removed=True)


def evidence_restore(*, user: Any, document: EvidenceDocument) -> EvidenceDocument:
    return _set_removed(user=user, document=document, removed=False)
