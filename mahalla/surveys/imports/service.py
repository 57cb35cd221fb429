"""Survey data imports: upload → inspect → map → check (preview) → write → report.

The raw file is stored first (core.uploads). The check job reads every row against the
chosen form version and stores counts and problems for the preview; once the person
confirms, the write job checks the file again and writes every new submission in one
transaction, or nothing: unless the person chose to skip them, rows with problems refuse the
whole import. Instance IDs already stored are skipped, so running the same import again
changes nothing.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mahalla.core.jobs.leases import JobStatus, job_claim, job_fail, job_heartbeat
from mahalla.core.jobs.messages import message
from mahalla.core.uploads import jobs as upload_jobs
from mahalla.core.uploads import storage
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.surveys.imports import checking, readers
from mahalla.surveys.imports import columns as cols
from mahalla.surveys.imports.storing import existing_ids, store_submissions
from mahalla.surveys.models import Campaign, FormVersion, SurveyImport

logger = logging.getLogger(__name__)
Phase = SurveyImport.Phase


def _allowed(user: Any, version: FormVersion) -> None:
    if not has_perm(user, Perm.MANAGE_SURVEYS, version.form):
        raise PermissionDenied


def _suffix(job: SurveyImport) -> str:
    return Path(job.original_name).suffix


def read(job: SurveyImport) -> readers.Dataset:
    with storage.local_path(job.file, _suffix(job)) as path:
        return readers.read_upload(path, job.original_name, job.encoding)


def inspect(dataset: readers.Dataset, fields: list[dict]) -> dict:
    """What the upload step found, for the mapping page (columns, samples, counts, guess)."""
    tables = [dataset.main, *dataset.repeats]
    return {
        "kind": dataset.kind,
        "encoding": dataset.encoding,
        "encoding_guessed": dataset.encoding_guessed,
        "tables": [
            {
                "name": t.name,
                "columns": t.columns,
                "rows": len(t.rows),
                "samples": readers.samples(t),
            }
            for t in tables
        ],
        "guess": (
            cols.guess_plain(dataset.main.columns, fields)
            if dataset.kind == readers.TABLE
            else cols.guess(dataset.main.columns, fields)
        ),
    }


def import_upload(
    *, user: Any, version: FormVersion, uploaded_file: Any, campaign: Campaign | None = None
) -> SurveyImport:
    """Store an uploaded export for `version` and inspect it; `UploadError` if refused."""
    _allowed(user, version)
    name = storage.original_name(uploaded_file)
    kind = readers.file_kind(name)
    storage.check_size(uploaded_file, settings.SURVEY_IMPORT_MAX_UPLOAD_BYTES)
    job = SurveyImport(
        created_by=user if getattr(user, "pk", None) else None,
        form_version=version,
        campaign=campaign,
        original_name=name,
        kind=readers.TABLE if kind != readers.CENTRAL else readers.CENTRAL,
        status=JobStatus.UPLOADED,
    )
    storage.store_file(job.file, uploaded_file, name)
    job.save()
    try:
        with storage.local_path(job.file, _suffix(job)) as path:
            sha256 = checking.sha256_of(path)
            dataset = readers.read_upload(path, name)
        checking.check_limits(dataset)
    except storage.UploadError as error:
        # A refused file is of no use to anyone: delete it, keep the record of the refusal.
        storage.discard_file(job)
        job_fail(SurveyImport, job.pk, error.failure)
        raise
    inspection = inspect(dataset, version.fields)
    inspection["sha256"] = sha256
    SurveyImport.objects.filter(pk=job.pk).update(
        kind=dataset.kind,
        inspection=inspection,
        total=len(dataset.main.rows),
        encoding=dataset.encoding if dataset.encoding_guessed else "",
        mapping=inspection["guess"],
    )
    job.refresh_from_db()
    return job


def can_map(job: SurveyImport) -> bool:
    return (
        job.status == JobStatus.UPLOADED
        or job.awaiting_confirmation
        or (job.status == JobStatus.FAILED and job.phase == Phase.CHECK and bool(job.file))
    )


def import_start(
    *,
    job: SurveyImport,
    user: Any,
    mapping: dict[str, str],
    encoding: str = "",
    skip_bad_rows: bool = False,
) -> SurveyImport:
    """Save the mapping and queue the check job (which ends in the preview)."""
    _allowed(user, job.form_version)
    if not can_map(job):
        raise ValidationError(_("This import is already running or written."))
    columns = set(job.inspection["tables"][0]["columns"]) if job.inspection.get("tables") else set()
    mapping = {c: t for c, t in mapping.items() if t and c in columns}
    targets = list(mapping.values())
    if len(targets) != len(set(targets)):
        raise ValidationError(_("Two columns are mapped to the same question."))
    if not mapping:
        raise ValidationError(_("Choose the question of at least one column."))
    _check_row_key(job, mapping)
    if encoding and encoding not in readers.ENCODINGS:
        raise ValidationError(_("The text encoding of this file cannot be chosen."))
    fields = {"mapping": mapping, "skip_bad_rows": skip_bad_rows}
    if encoding and encoding != job.encoding:
        fields.update(_reinspect(job, encoding, mapping))
    SurveyImport.objects.filter(pk=job.pk).update(**fields)
    from mahalla.surveys.imports.tasks import run_survey_import

    return upload_jobs.enqueue(job, run_survey_import, phase=Phase.CHECK)


def _check_row_key(job: SurveyImport, mapping: dict[str, str]) -> None:
    """Rows that fill a repeat must say which submission they belong to (see grouped.py)."""
    targets = set(mapping.values())
    fields = job.form_version.fields
    plain = job.inspection.get("kind") == readers.TABLE
    if cols.ROW_KEY in targets and (not plain or cols.INSTANCE_ID in targets):
        raise ValidationError(
            _(
                "“Rows with the same value are one submission” is for a plain table without "
                "instance IDs: the instance ID column already groups the rows."
            )
            if plain
            else _("“Rows with the same value are one submission” is only for plain tables.")
        )
    fills_repeat = any(cols.repeat_of(t, fields) for t in targets)
    if plain and fills_repeat and not targets & {cols.INSTANCE_ID, cols.ROW_KEY}:
        raise ValidationError(
            _(
                "Columns of a repeat (one row per member, for example) need a column that says "
                "which rows belong together: map one to “Rows with the same value are one "
                "submission” (a household number, say) or to the instance ID."
            )
        )


def _reinspect(job: SurveyImport, encoding: str, mapping: dict[str, str]) -> dict:
    """Read a CSV again in another encoding: its columns keep their questions by position,
    and the examples on the mapping page show the file as now read."""
    old = job.inspection["tables"][0]["columns"]
    job.encoding = encoding
    dataset = read(job)
    inspection = {**inspect(dataset, job.form_version.fields), "sha256": job.inspection["sha256"]}
    new = dataset.main.columns
    moved = {new[i]: mapping[c] for i, c in enumerate(old) if c in mapping and i < len(new)}
    return {"encoding": encoding, "inspection": inspection, "mapping": moved}


def may_approve(user: Any, job: SurveyImport) -> bool:
    return has_perm(user, Perm.REVIEW_SUBMISSIONS, job.form_version.form)


def import_confirm(
    *, job: SurveyImport, user: Any, skip_bad_rows: bool = False, approve: bool = False
) -> SurveyImport:
    """The person read the preview: write the submissions (a job). Rows with problems refuse
    the whole import unless `skip_bad_rows`; `approve` (reviewers only) approves them after."""
    _allowed(user, job.form_version)
    if not job.awaiting_confirmation:
        raise ValidationError(_("Only a checked import can be written."))
    if approve and not may_approve(user, job):
        raise ValidationError(_("Only a reviewer of this form's submissions may approve them."))
    SurveyImport.objects.filter(pk=job.pk).update(
        confirmed_by=user,
        confirmed_at=timezone.now(),
        skip_bad_rows=skip_bad_rows,
        approve=approve,
    )
    from mahalla.surveys.imports.tasks import run_survey_import

    return upload_jobs.enqueue(job, run_survey_import, phase=Phase.WRITE)


def import_rerun(*, job: SurveyImport, user: Any) -> SurveyImport:
    """Run the failed job (check or write) again with the stored file and choices."""
    _allowed(user, job.form_version)
    upload_jobs.check_can_run_again(job)
    if not job.file or not job.mapping:
        raise ValidationError(_("This file was refused when it was uploaded; upload it again."))
    from mahalla.surveys.imports.tasks import run_survey_import

    return upload_jobs.enqueue(job, run_survey_import, phase=job.phase)


def _counts(job: SurveyImport, checked: checking.Checked) -> tuple[list, int]:
    existing = existing_ids(job.form_version.form_id, [r[1] for r in checked.records])
    new = [(iid, xml) for _, iid, xml in checked.records if iid not in existing]
    return new, len(checked.records) - len(new)


def _write(job: SurveyImport, checked: checking.Checked, dataset: readers.Dataset) -> None:
    job_heartbeat(SurveyImport, job.pk)  # the write is one transaction: its lease covers it
    user = job.confirmed_by or job.created_by
    with storage.local_path(job.file, _suffix(job)) as path, transaction.atomic():
        archive = zipfile.ZipFile(path) if dataset.media else None

        def media(name: str) -> bytes | None:
            member = dataset.media.get(name)
            return archive.read(member) if archive is not None and member else None

        new, existing = _counts(job, checked)
        try:
            versions = store_submissions(
                version=job.form_version,
                records=new,
                user=user,
                campaign=job.campaign,
                reason=f"survey import #{job.pk}",
                attachments=checked.attachments,
                media=media,
            )
        finally:
            if archive is not None:
                archive.close()
        # Marked done in the same transaction as the submissions: done means written.
        SurveyImport.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            new_count=len(new),
            existing_count=existing,
            bad_count=checked.bad_rows,
            repeat_count=checked.repeat_rows,
            attachment_count=checked.attachments_found,
            missing_attachment_count=checked.attachments_missing,
            problems=checked.stored_problems(),
            processed=checked.total,
            failure={},
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    return versions


def _approve(job: SurveyImport, versions: list[int]) -> None:
    """Approve the written submissions one by one (each its own transaction, as a reviewer's
    approval): the registry takes each in. One refused (a mapping problem, an answer the
    registry cannot read) stays received and is named in the report by its instance ID; the
    reviewer sees why on its page, in their language."""
    from mahalla.surveys.models import ReviewState, SubmissionVersion
    from mahalla.surveys.submissions.review import submission_review

    user = job.confirmed_by
    submissions = (
        SubmissionVersion.objects.filter(pk__in=versions)
        .select_related("submission__form")
        .order_by("pk")
    )
    approved, refused = 0, []
    for index, version in enumerate(submissions.iterator(chunk_size=500), start=1):
        submission = version.submission
        try:
            submission_review(submission=submission, user=user, state=ReviewState.APPROVED)
            approved += 1
        except (ValidationError, PermissionDenied):
            refused.append(submission.instance_id)
        if index % 100 == 0:
            job_heartbeat(SurveyImport, job.pk)
    problems = list(SurveyImport.objects.get(pk=job.pk).problems or [])
    problems += [
        {"message": message("surveys.import_not_approved", instance_id=iid)}
        for iid in refused[:100]
    ]
    SurveyImport.objects.filter(pk=job.pk).update(approved_count=approved, problems=problems)


def import_run(*, import_id: int) -> SurveyImport:
    """The job of the import's phase: check (counts and problems) or write."""
    job = SurveyImport.objects.select_related(
        "form_version__form__area", "campaign", "created_by", "confirmed_by"
    ).get(pk=import_id)
    if job.status == JobStatus.DONE and job.phase == Phase.WRITE:
        return job  # delivered twice: nothing to do
    job_claim(SurveyImport, job.pk)
    try:
        dataset = read(job)
        job_heartbeat(SurveyImport, job.pk, total=len(dataset.main.rows))
        checked = checking.check(
            dataset,
            version=job.form_version,
            mapping=job.mapping,
            file_sha256=job.inspection.get("sha256", ""),
            progress=upload_jobs.progress_reporter(SurveyImport, job.pk, every=100),
        )
        if job.phase == Phase.WRITE:
            if checked.bad_rows and not job.skip_bad_rows:
                failure = message("surveys.import_bad_rows", count=checked.bad_rows)
                job_fail(SurveyImport, job.pk, failure)
                SurveyImport.objects.filter(pk=job.pk).update(problems=checked.stored_problems())
            else:
                written = _write(job, checked, dataset)
                if job.approve:
                    _approve(job, written)
        else:
            new, existing = _counts(job, checked)
            SurveyImport.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE,
                new_count=len(new),
                existing_count=existing,
                bad_count=checked.bad_rows,
                repeat_count=checked.repeat_rows,
                attachment_count=checked.attachments_found,
                missing_attachment_count=checked.attachments_missing,
                problems=checked.stored_problems(),
                processed=checked.total,
                lease_expires_at=None,
                finished_at=timezone.now(),
            )
    except storage.UploadError as error:
        job_fail(SurveyImport, job.pk, error.failure)
    except Exception:
        logger.exception("survey import %s failed", import_id)
        job_fail(SurveyImport, job.pk, message("core.job_unexpected"))
    job.refresh_from_db()
    return job
