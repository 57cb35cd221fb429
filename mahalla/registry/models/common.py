"""What every registry record carries: where it came from, and soft deletion."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sourced(models.Model):
    """Provenance: the submission (and its version) a record was made or last updated from,
    and, per field, the submission version that gave its value (`{"field": version id}`),
    so a page can say where each value came from even after a follow-up survey."""

    source_submission = models.ForeignKey(
        "surveys.Submission",
        verbose_name=_("from submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_version = models.ForeignKey(
        "surveys.SubmissionVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provenance = models.JSONField(default=dict, blank=True)
    is_deleted = models.BooleanField(_("deleted"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
