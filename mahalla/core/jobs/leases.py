"""Leases on running jobs, so a worker that dies leaves no job "running" forever.

A job row holds `lease_expires_at`. The worker renews it whenever it reports progress (a
heartbeat); a row still marked running after its lease ran out belongs to a dead worker.
`reap_abandoned()` marks such rows failed with a message that offers to run them again; it runs
when a worker starts (`manage.py worker`) and whenever a page reads a job (`job_refresh`).
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import message, register, render_text

register(
    {
        "core.job_abandoned": _(
            "The job stopped without finishing (the background worker was interrupted). "
            "Nothing of it was saved; run it again."
        ),
        "core.job_unexpected": _(
            "The job stopped because of an unexpected error. Nothing was saved; run it again."
        ),
        "core.job_busy": _(
            "Another import into the same place was running; this one waited too long. "
            "Run it again."
        ),
    }
)


def lease_seconds() -> int:
    return int(getattr(settings, "JOB_LEASE_SECONDS", 300))


def lease_until() -> timezone.datetime:
    return timezone.now() + timedelta(seconds=lease_seconds())


class JobStatus(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded, not started")
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


ACTIVE = (JobStatus.PENDING, JobStatus.RUNNING)


class Job(models.Model):
    """Fields every tracked job shares. Subclasses add what the job works on."""

    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # {"code": ..., "params": {...}}: rendered in the reader's language (core.jobs.messages).
    failure = models.JSONField(_("error"), default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def expire_stale(cls) -> int:
        """Clean up what a job kind leaves behind (files of uploads never started); override."""
        return 0

    @classmethod
    def expire_files(cls, *, days: int, failure: dict, field: str = "file") -> int:
        """Delete the stored files of jobs asked more than `days` ago (their `created_at`),
        marking each failed with `failure`: the row stays, so a list still says what was
        made and the job can be run again."""
        old = cls.objects.filter(created_at__lt=timezone.now() - timedelta(days=days))
        expired = 0
        for job in old.exclude(**{field: ""}).only("pk", field):
            getattr(job, field).delete(save=False)
            cls.objects.filter(pk=job.pk).update(
                **{field: ""}, status=JobStatus.FAILED, failure=failure
            )
            expired += 1
        return expired

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def failure_text(self) -> str:
        """The failure as plain text in the active language (logs, exports, tests)."""
        return render_text(self.failure)

    @property
    def can_run_again(self) -> bool:
        return self.status == JobStatus.FAILED


def _job_models() -> list[type[Job]]:
    return [m for m in apps.get_models() if issubclass(m, Job)]


def job_claim(model: type[Job], pk: int) -> None:
    """Mark a job running under a fresh lease (the worker has picked it up)."""
    model.objects.filter(pk=pk).update(
        status=JobStatus.RUNNING,
        attempts=models.F("attempts") + 1,
        lease_expires_at=lease_until(),
        started_at=timezone.now(),
        finished_at=None,
        failure={},
    )


def job_heartbeat(model: type[Job], pk: int, **fields: object) -> None:
    """Renew the lease, with progress fields written in the same UPDATE."""
    model.objects.filter(pk=pk).update(lease_expires_at=lease_until(), **fields)


def job_fail(model: type[Job], pk: int, failure: dict) -> None:
    model.objects.filter(pk=pk).update(
        status=JobStatus.FAILED,
        failure=failure,
        lease_expires_at=None,
        finished_at=timezone.now(),
    )


def _abandoned(model: type[Job]) -> models.QuerySet:
    return model.objects.filter(status=JobStatus.RUNNING, lease_expires_at__lt=timezone.now())


def reap_abandoned() -> int:
    """Mark every running job whose lease ran out as failed; returns how many.

    Each job kind's `expire_stale` runs too, so stale uploads do not pile up on the disk.
    """
    reaped = 0
    for model in _job_models():
        model.expire_stale()
        reaped += _abandoned(model).update(
            status=JobStatus.FAILED,
            failure=message("core.job_abandoned"),
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    return reaped


def job_refresh(job: Job) -> Job:
    """Reap this one job if its worker died, so the page can offer to run it again."""
    expired = job.lease_expires_at is not None and job.lease_expires_at < timezone.now()
    if job.status != JobStatus.RUNNING or not expired:
        return job
    reaped = (
        _abandoned(type(job))
        .filter(pk=job.pk)
        .update(
            status=JobStatus.FAILED,
            failure=message("core.job_abandoned"),
            lease_expires_at=None,
            finished_at=timezone.now(),
        )
    )
    if reaped:
        job.refresh_from_db()
    return job
