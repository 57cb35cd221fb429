"""Queueing an upload job, running a failed one again, and its progress heartbeat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mahalla.core.jobs.leases import Job, JobStatus, job_heartbeat, job_refresh


def enqueue(job: Job, task: Any, **fields: Any) -> Job:
    """Reset the job to waiting (with `fields`, e.g. its phase) and queue `task(job.pk)`."""
    model = type(job)
    model.objects.filter(pk=job.pk).update(
        status=JobStatus.PENDING,
        processed=0,
        failure={},
        finished_at=None,
        lease_expires_at=None,
        **fields,
    )
    result = task.enqueue(job.pk)
    # The immediate backend has already run the job: write only the id, keep its outcome.
    model.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def check_can_run_again(job: Job) -> Job:
    """Reap the job if its worker died; refuse unless it failed (then it may run again)."""
    job_refresh(job)
    if job.status != JobStatus.FAILED:
        raise ValidationError(_("Only an import that failed can be run again."))
    return job


def progress_reporter(model: type[Job], pk: int, every: int = 1) -> Callable[[int], None]:
    """report(processed): autocommitted progress that also renews the lease (the heartbeat).

    `every` > 1 writes only each `every`-th count, so a job of many small rows does not
    spend its time on UPDATEs.
    """

    def report(processed: int) -> None:
        if every <= 1 or processed % every == 0:
            job_heartbeat(model, pk, processed=processed)

    return report
