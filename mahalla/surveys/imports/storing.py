"""Writing checked submissions: raw XML first, as the intake stores what a phone sends.

Each becomes a Submission with one SubmissionVersion (the XML and its sha256), in batches,
inside the caller's transaction; parsing (`process_version`) runs once it has committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from mahalla.surveys.models import Campaign, FormVersion, Submission, SubmissionVersion
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
) -> list[int]:
    """Create a submission per (instance ID, XML); returns the new versions' ids.

    Must run inside a transaction (the import's): nothing is half-written.
    """
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
