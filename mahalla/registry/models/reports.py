"""The district report: a PDF built in the background, then downloaded from its page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.leases import Job, JobStatus


class DistrictReport(Job):
    """A report of one area (a district, or a city) in one language.

    `filters` holds the dashboard's filters as plain JSON (value codes, a campaign id), so a
    report can be run again exactly as asked; the PDF is written to storage.
    """

    area = models.ForeignKey(
        "places.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    filters = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    total = models.PositiveIntegerField(_("steps"), default=0)
    processed = models.PositiveIntegerField(_("done"), default=0)
    file = models.FileField(_("file"), upload_to="registry/reports/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    communities = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("district report")
        verbose_name_plural = _("district reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"report {self.area_id} {self.language} #{self.pk}"

    @classmethod
    def expire_stale(cls) -> int:
        """Delete the PDFs of reports older than REGISTRY_REPORT_RETENTION_DAYS (default 30):
        the figures change, and the row stays so the report can be made again."""
        days = int(getattr(settings, "REGISTRY_REPORT_RETENTION_DAYS", 30))
        return cls.expire_files(
            days=days, failure={"code": "registry.report_expired", "params": {"days": days}}
        )

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))
