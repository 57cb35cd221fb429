"""Bulk jobs over submissions (re-read the XML, place in areas again), with progress.

Each job has a lease renewed by its progress reports (the heartbeat), as the boundary import;
a job whose worker died is marked failed and can be run again from its page. Every batch is
its own transaction and the work is idempotent, so a job run again simply does it again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mahalla.core.jobs.leases import JobStatus, job_claim, job_fail, job_heartbeat, job_refresh
from mahalla.core.jobs.messages import message
from mahalla.people.roles import Perm
from mahalla.people.scopes import user_scope
from mahalla.surveys.models import SubmissionJob
from mahalla.surveys.submissions import processing

logger = logging.getLogger(__name__)


def job_get(*, user: Any, pk: int) -> SubmissionJob | None:
    """A job on a form or campaign in the person's MANAGE_SURVEYS scope (whole-tree jobs:
    administrators of everything only)."""
    scope = user_scope(user, Perm.MANAGE_SURVEYS)
    jobs = SubmissionJob.objects.select_related("form", "campaign")
    if not scope.everything:
        jobs = jobs.filter(
            (Q(form__isnull=False) & scope.area_q("form__area__path"))
            | (Q(campaign__isnull=False) & scope.area_q("campaign__area__path"))
        )
    return jobs.filter(pk=pk).first()


def enqueue(job: SubmissionJob) -> SubmissionJob:
    SubmissionJob.objects.filter(pk=job.pk).update(
        status=JobStatus.PENDING, processed=0, failure={}, result={}, finished_at=None,
        lease_expires_at=None,
    )  # fmt: skip
    from mahalla.surveys.submissions.tasks import run_submission_job

    result = run_submission_job.enqueue(job.pk)
    SubmissionJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_start(
    *,
    kind: str,
    user: Any = None,
    form: Any = None,
    campaign: Any = None,
    area_ids: list[int] | None = None,
) -> SubmissionJob:
    job = SubmissionJob.objects.create(
        kind=kind, form=form, campaign=campaign, area_ids=area_ids, created_by=user
    )
    return enqueue(job)


def job_rerun(*, job: SubmissionJob) -> SubmissionJob:
    job_refresh(job)
    if job.status != JobStatus.FAILED:
        raise ValidationError(_("Only a job that failed can be run again."))
    return enqueue(job)


def _progress(job_id: int):
    def report(processed: int, total: int) -> None:
        job_heartbeat(SubmissionJob, job_id, processed=processed, total=total)

    return report


def job_run(*, job_id: int) -> SubmissionJob:
    job = SubmissionJob.objects.get(pk=job_id)
    if job.status in (JobStatus.DONE, JobStatus.RUNNING):
        return job  # delivered twice: nothing to do
    job_claim(SubmissionJob, job_id)
    try:
        if job.kind == SubmissionJob.Kind.REPARSE:
            counts = processing.reparse(
                form_id=job.form_id, campaign_id=job.campaign_id, progress=_progress(job_id)
            )
            result = message("surveys.reparse_done", **counts)
        else:
            counts = processing.reassign_submissions(job.area_ids, progress=_progress(job_id))
            result = message("surveys.reassign_done", **counts)
        if not counts["processed"]:
            result = message("surveys.job_nothing")
        SubmissionJob.objects.filter(pk=job_id).update(
            status=JobStatus.DONE,
            processed=counts["processed"],
            total=counts["processed"],
            result=result,
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("submission job %s failed", job_id)
        job_fail(SubmissionJob, job_id, message("core.job_unexpected"))
    job.refresh_from_db()
    return job


def boundaries_changed(sender: Any = None, *, area_ids: list[int] | None = None, **_: Any) -> None:
    """Receiver of `places.signals.boundaries_changed`: place submissions again, as a job."""
    if area_ids is not None and not list(area_ids):
        return
    job_start(kind=SubmissionJob.Kind.REASSIGN, area_ids=list(area_ids) if area_ids else None)
