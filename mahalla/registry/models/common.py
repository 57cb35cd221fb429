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


class Surveyed(Sourced):
    """A record of one community at one survey round: households and settlement profiles."""

    area = models.ForeignKey(
        "places.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    # The top of the area's tree (a city or province): large tables carry it from the
    # start, so they can be distributed by city later (ARCHITECTURE.md).
    city = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        "surveys.Campaign",
        verbose_name=_("survey round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observed_on = models.DateField(_("surveyed on"), null=True, blank=True)

    class Meta:
        abstract = True
