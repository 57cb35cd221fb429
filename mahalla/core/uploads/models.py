"""`UploadJob`: what every upload job stores, whatever its file holds."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import Job, JobStatus
from mahalla.core.jobs.messages import message
from mahalla.core.uploads import messages as _messages  # noqa: F401 - registers the codes


def upload_path(instance: UploadJob, filename: str) -> str:
    """imports/<the job kind's folder>/<year>/<month>/<name>: one folder per kind of upload."""
    return f"imports/{instance.upload_folder}/{timezone.now():%Y/%m}/{filename}"


class UploadJob(Job):
    """An uploaded file, stored as received, and the job that reads it.

    `inspection` is what the upload step found in the file (JSON); `total` and `processed`
    are the job's progress; `problems` a list of dicts each holding at least a `message`
    (a job message: code and parameters), rendered in the reader's language.
    Subclasses set `upload_folder` and may override `expired_code`.
    """

    upload_folder = "uploads"
    expired_code = "core.upload_expired"

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    inspection = models.JSONField(_("inspection"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("total"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    # Each problem holds a message code and parameters, rendered in the reader's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def expire_stale(cls) -> int:
        """Uploads never started within the retention time: their files go, the rows stay."""
        days = settings.IMPORT_UPLOAD_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        stale = cls.objects.filter(status=JobStatus.UPLOADED, created_at__lt=cutoff)
        expired = 0
        for upload in stale.exclude(file="").only("pk", "file"):
            upload.file.delete(save=False)
            expired += cls.objects.filter(pk=upload.pk).update(
                file="",
                status=JobStatus.FAILED,
                failure=message(cls.expired_code, days=days),
                finished_at=timezone.now(),
            )
        return expired

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
