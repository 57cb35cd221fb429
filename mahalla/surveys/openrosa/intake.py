"""PLACEHOLDER of the shared submission intake, written on the web-forms branch only.

The OpenRosa engineer writes the real `receive_submission` (duplicates, attachment merging,
edits with deprecatedID, size limits, locking); the lead replaces this whole file with theirs at
merge. It keeps exactly the contract of the shared data contracts so the web-form view that
calls it needs no change: store the raw XML and attachments in one transaction, answer 201 for a
new submission, 202 for an identical resend, 409 for the same instanceID with other XML, and a
refusal (400/403/404) with a job-message dict for the reader.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from mahalla.core.jobs.messages import Message, message
from mahalla.surveys.models import (
    Attachment,
    Campaign,
    Form,
    FormVersion,
    Submission,
    SubmissionVersion,
)
from mahalla.surveys.submissions import processing


@dataclass
class IntakeResult:
    status: int
    submission: Submission | None = None
    message: Message = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _instance_id(root: Any) -> str:
    for element in root.iter():
        if _local(element.tag) == "instanceID" and (element.text or "").strip():
            return element.text.strip()
    return ""


def receive_submission(
    *,
    xml: bytes,
    files: list[UploadedFile],
    user=None,
    app_user=None,
    campaign: Campaign | None = None,
) -> IntakeResult:
    """Store one submission raw (XML and attachments) and answer with an OpenRosa status."""
    try:
        root = ElementTree.fromstring(xml)
    except Exception:  # noqa: BLE001 - any parse failure (or a refused entity) is a 400
        return IntakeResult(400, message=message("surveys.intake_bad_xml"))
    form_id = root.get("id", "")
    form = Form.objects.filter(xml_form_id=form_id).first()
    if form is None:
        return IntakeResult(404, message=message("surveys.intake_unknown_form", form=form_id))
    version = FormVersion.objects.filter(form=form, version=root.get("version", "")).first()
    if version is None or not version.is_published:
        return IntakeResult(403, message=message("surveys.intake_not_published", form=form_id))
    if campaign is not None and campaign.status != Campaign.Status.OPEN:
        return IntakeResult(403, message=message("surveys.intake_campaign_closed"))
    instance_id = _instance_id(root)
    if not instance_id:
        return IntakeResult(400, message=message("surveys.intake_no_instance_id"))
    sha = hashlib.sha256(xml).hexdigest()
    existing = SubmissionVersion.objects.filter(
        submission__form=form, instance_id=instance_id
    ).first()
    if existing is not None:
        if existing.xml_sha256 == sha:
            return IntakeResult(202, existing.submission, message("surveys.intake_duplicate"))
        return IntakeResult(409, existing.submission, message("surveys.intake_conflict"))
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                form=form,
                instance_id=instance_id,
                campaign=campaign,
                submitted_by=user,
                app_user=app_user,
            )
            stored = SubmissionVersion.objects.create(
                submission=submission,
                instance_id=instance_id,
                form_version=version,
                xml=xml,
                xml_sha256=sha,
                submitted_by=user,
                app_user=app_user,
            )
            submission.current = stored
            submission.save(update_fields=["current"])
            for upload in files:
                content = upload.read()
                attachment = Attachment(
                    version=stored,
                    name=upload.name,
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                    content_type=getattr(upload, "content_type", "") or "",
                    received_at=timezone.now(),
                )
                upload.seek(0)
                attachment.file.save(upload.name, upload, save=False)
                attachment.save()
            transaction.on_commit(lambda: processing.process_version(stored.pk))
    except IntegrityError:
        return IntakeResult(409, message=message("surveys.intake_conflict"))
    return IntakeResult(201, submission, message("surveys.intake_received"))
