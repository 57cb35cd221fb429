"""Exports built in the background: the job writes the file to storage, the page links it.

The job follows the job core (mahalla/core/jobs): claimed under a lease, the lease renewed
with each progress report (the heartbeat); a worker that dies leaves a row the reaper marks
failed, and "run again" starts it afresh from the stored options.
"""

from __future__ import annotations

import logging
import tempfile
from typing import Any

from django.core.files import File
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus, job_claim, job_fail, job_heartbeat
from mahalla.core.jobs.messages import Message, message
from mahalla.surveys.exports import query
from mahalla.surveys.exports.build import Export, make_export
from mahalla.surveys.exports.csv_zip import zip_stream
from mahalla.surveys.exports.filenames import export_names
from mahalla.surveys.exports.geojson import geojson_bytes
from mahalla.surveys.exports.tables import Options
from mahalla.surveys.exports.xlsx import write_xlsx
from mahalla.surveys.models import ExportFormat, ExportJob, Form

logger = logging.getLogger(__name__)


class ExportRefused(Exception):
    def __init__(self, failure: Message) -> None:
        super().__init__(failure["code"])
        self.failure = failure


def options_from_json(data: dict) -> tuple[query.Filters, Options, bool, str]:
    options = Options(
        language=str(data.get("language") or "default"),
        labels=bool(data.get("labels")),
        header_labels=bool(data.get("header_labels")),
        split_multiple=bool(data.get("split_multiple")),
    )
    filters = query.Filters.from_json(data.get("filters") or {})
    return filters, options, bool(data.get("attachments")), str(data.get("geo_field") or "")


def options_to_json(
    filters: query.Filters, options: Options, attachments: bool, geo_field: str = ""
) -> dict:
    return {
        "filters": filters.as_json(),
        "language": options.language,
        "labels": options.labels,
        "header_labels": options.header_labels,
        "split_multiple": options.split_multiple,
        "attachments": attachments,
        "geo_field": geo_field,
    }


def check_limits(export: Export) -> int:
    """The number of submissions; refuses an export above the configured limits."""
    count = export.submissions.count()
    if count > query.max_rows():
        raise ExportRefused(message("surveys.export_too_many", count=count, limit=query.max_rows()))
    if export.attachments:
        size = query.attachment_bytes(export.submissions)
        if size > query.max_attachment_bytes():
            raise ExportRefused(
                message(
                    "surveys.export_attachments_too_big",
                    size=round(size / 1024**2),
                    limit=round(query.max_attachment_bytes() / 1024**2),
                )
            )
    return count


def export_job_create(*, user: Any, form: Form, fmt: str, options: dict) -> ExportJob:
    job = ExportJob.objects.create(
        form=form, format=fmt, options=options, created_by=user, status=JobStatus.PENDING
    )
    return enqueue(job)


def enqueue(job: ExportJob) -> ExportJob:
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.PENDING, processed=0, failure={}, finished_at=None
    )
    from mahalla.surveys.exports.tasks import run_export

    result = run_export.enqueue(job.pk)
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def export_job_rerun(*, job: ExportJob) -> ExportJob:
    if job.status != JobStatus.FAILED:
        return job
    return enqueue(job)


def _write(export: Export, fmt: str, handle: Any, progress: Any) -> None:
    if fmt == ExportFormat.XLSX:
        write_xlsx(export, handle, progress)
    elif fmt == ExportFormat.GEOJSON:
        for chunk in geojson_bytes(export, progress):
            handle.write(chunk)
    else:
        for chunk in zip_stream(export, progress):
            handle.write(chunk)


def export_job_run(*, job_id: int) -> ExportJob:
    job = ExportJob.objects.select_related("form", "created_by").get(pk=job_id)
    if job.status == JobStatus.DONE:
        return job  # delivered twice
    job_claim(ExportJob, job.pk)
    try:
        filters, options, attachments, geo_field = options_from_json(job.options)
        export = make_export(
            job.created_by, job.form, filters, options, attachments=attachments, geo_field=geo_field
        )
        count = check_limits(export)
        passes = 1 if job.format == ExportFormat.GEOJSON else len(export.tables)
        job_heartbeat(ExportJob, job.pk, total=count * passes, processed=0)
        done = 0

        def progress(step: int) -> None:
            nonlocal done
            done += step
            job_heartbeat(ExportJob, job.pk, processed=done)

        ascii_name, _unicode = export_names(job.form.xml_form_id, job.form.name, job.format)
        with tempfile.TemporaryFile() as handle:
            _write(export, job.format, handle, progress)
            size = handle.tell()
            handle.seek(0)
            if job.file:
                job.file.delete(save=False)
            job.file.save(ascii_name, File(handle), save=False)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            file=job.file.name,
            file_name=ascii_name,
            size=size,
            processed=count * passes,
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    except ExportRefused as refused:
        job_fail(ExportJob, job.pk, refused.failure)
    except Exception:
        logger.exception("export %s failed", job_id)
        job_fail(ExportJob, job.pk, message("core.job_unexpected"))
    job.refresh_from_db()
    return job
