"""What every registry record carries: where it came from, and soft deletion.

Indexes are chosen, not left to Django's one-per-foreign-key default: the household table
grows to millions of rows and every index is paid on every write (a bulk load of 200,000
households spent two thirds of the database's time in thirteen indexes). A foreign key gets
an index only when a page looks rows up by it; columns that are mostly empty (the survey
round, the submission version, a merge) get a partial index of the rows that have one; the
value lists and the city are never looked up from here, so deleting a value or a city scans
(both are rare, administrative acts).
"""

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
        db_index=False,  # partial_indexes(): most records of a bulk load have none
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provenance = models.JSONField(default=dict, blank=True)
    # Never looked up alone: the composite indexes of the large tables carry it.
    is_deleted = models.BooleanField(_("deleted"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Surveyed(Sourced):
    """A record of one community at one survey round: households and settlement profiles."""

    # Indexed by each table's (area, is_deleted, …) index, which serves lookups by area too.
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # The top of the area's tree (a city or province): large tables carry it from the
    # start, so they can be distributed by city later (ARCHITECTURE.md).
    city = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    campaign = models.ForeignKey(
        "surveys.Campaign",
        verbose_name=_("survey round"),
        db_index=False,  # partial_indexes()
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observed_on = models.DateField(_("surveyed on"), null=True, blank=True)

    class Meta:
        abstract = True


def unique_source_submission() -> models.ForeignKey:
    """`source_submission` for a model that finds its record again through a partial unique
    constraint on it: a second, plain index would only cost every write."""
    return models.ForeignKey(
        "surveys.Submission",
        verbose_name=_("from submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )


def partial_indexes(prefix: str, *fields: str) -> list[models.Index]:
    """An index of the rows where each of `fields` is set: what a lookup by it needs, at no
    cost to the writes that leave it empty."""
    return [
        models.Index(
            fields=[name],
            condition=models.Q(**{f"{name}__isnull": False}),
            name=f"{prefix}_{name}_set",  # Django checks the 30-character limit
        )
        for name in fields
    ]
