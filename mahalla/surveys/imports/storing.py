"""Writing checked submissions: raw XML first, as the intake stores what a phone sends.

Each becomes a Submission with one SubmissionVersion (the XML and its sha256), in batches,
inside the caller's transaction; parsing (`process_version`) runs once it has committed.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mahalla.surveys.models import (
    Attachment,
    Campaign,
    FormVersion,
    Submission,
    SubmissionVersion,
)
from mahalla.surveys.submissions import processing

BATCH = 500


def existing_ids(form_id: int, instance_ids: Iterable[str]) -> set[str]:
    """The instance IDs already stored for the form (first versions and edits)."""
    wanted = list(dict.fromkeys(instance_ids))
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        found.update(
            Submission.objects.filter(form_id=form_id, instance_id__in=chunk).values_list(
                "instance_id", flat=True
            )
        )
        found.update(
            SubmissionVersion.objects.filter(
                submission__form_id=form_id, instance_id__in=chunk
            ).values_list("instance_id", flat=True)
        )
    return found


def store_submissions(
    *,
    version: FormVersion,
    records: list[tuple[str, bytes]],
    user: Any = None,
    campaign: Campaign | None = None,
    reason: str = "",
    attachments: dict[str, list[str]] | None = None,
    media: Callable[[str], bytes | None] | None = None,
) -> list[int]:
    """Create a submission per (instance ID, XML); returns the new versions' ids.

    `attachments` names the files of each instance ID; `media(name)` gives a file's bytes
    when the upload holds it (an attachment without bytes is stored as missing). Must run
    inside a transaction (the import's): nothing is half-written, and the files saved for a
    transaction that fails are deleted again.
    """
    saved: list[str] = []
    try:
        return _store(version, records, user, campaign, reason, attachments or {}, media, saved)
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in saved:
            storage.delete(name)
        raise


def _store(version, records, user, campaign, reason, attachments, media, saved) -> list[int]:
    user = user if getattr(user, "pk", None) else None
    version_ids: list[int] = []
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        submissions = [
            Submission(
                form_id=version.form_id, instance_id=iid, campaign=campaign, submitted_by=user
            )
            for iid, _ in batch
        ]
        Submission.objects.bulk_create(submissions)
        versions = [
            SubmissionVersion(
                submission=submission,
                instance_id=iid,
                form_version=version,
                xml=xml,
                xml_sha256=hashlib.sha256(xml).hexdigest(),
                submitted_by=user,
            )
            for submission, (iid, xml) in zip(submissions, batch, strict=True)
        ]
        SubmissionVersion.objects.bulk_create(versions)
        files = []
        for stored in versions:
            for name in attachments.get(stored.instance_id, []):
                files.append(_attachment(stored, name, media, saved))
        Attachment.objects.bulk_create(files, batch_size=BATCH)
        for submission, stored in zip(submissions, versions, strict=True):
            submission.current = stored
        Submission.objects.bulk_update(submissions, ["current"])
        Submission.history.bulk_history_create(
            submissions, default_change_reason=reason or None, default_user=user
        )
        version_ids.extend(v.pk for v in versions)

    def process() -> None:
        for pk in version_ids:
            processing.process_version(pk)

    transaction.on_commit(process)
    return version_ids


def _attachment(version: SubmissionVersion, name: str, media, saved: list[str]) -> Attachment:
    attachment = Attachment(version=version, name=name)
    data = media(name) if media is not None else None
    if data is not None:
        attachment.file.save(name, ContentFile(data), save=False)
        saved.append(attachment.file.name)
        attachment.sha256 = hashlib.sha256(data).hexdigest()
        attachment.size = len(data)
        attachment.content_type = mimetypes.guess_type(name)[0] or ""
        attachment.received_at = timezone.now()
    return attachment
