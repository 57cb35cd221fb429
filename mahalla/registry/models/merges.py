"""Merges of duplicate households, kept so that each can be undone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mahalla.registry.models.parties import Household


class HouseholdMerge(models.Model):
    """`merged` was found to be `kept` surveyed twice. `merged` stays as it was (its members
    and provenance too) but points at `kept` and leaves every list; `filled` holds the
    fields of `kept` that were empty and took `merged`'s value, with their old values, so
    the undo puts them back."""

    kept = models.ForeignKey(
        Household, verbose_name=_("kept"), on_delete=models.CASCADE, related_name="+"
    )
    merged = models.ForeignKey(
        Household, verbose_name=_("merged"), on_delete=models.CASCADE, related_name="+"
    )
    filled = models.JSONField(default=dict, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("household merge")
        verbose_name_plural = _("household merges")
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(undone_at__isnull=True),
                name="registry_merge_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
