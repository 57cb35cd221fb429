"""Parties (LADM LA_Party): households and their members. Organisations are `people`'s.

A household is found again by the submission that made it (re-approving changes nothing
twice) and, for duplicates, by its community, a normalised head name and house number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.registry.models.common import (
    Sourced,
    Surveyed,
    partial_indexes,
    unique_source_submission,
)
from mahalla.registry.models.values import Value

_YES_NO = {"null": True, "blank": True}


def _value(list_name: str, verbose: str) -> models.ForeignKey:
    return models.ForeignKey(
        Value,
        verbose_name=verbose,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": list_name},
        db_index=False,  # never looked up from here (models/common.py)
    )


class Household(Surveyed):
    source_submission = unique_source_submission()
    house_number = models.CharField(_("house number"), max_length=60, blank=True)
    head_name = models.CharField(_("head of household"), max_length=200, blank=True)
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    income_band = _value("income_band", _("monthly income"))
    house_condition = _value("house_condition", _("condition of the house"))
    tenure = _value("tenure_type", _("tenure"))
    savings_member = models.BooleanField(_("savings group member"), **_YES_NO)
    member_count = models.PositiveSmallIntegerField(_("members"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        db_index=False,  # partial_indexes(): few households are merged
    )
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["source_submission"],
                condition=models.Q(source_submission__isnull=False),
                name="registry_household_one_per_submission",
            )
        ]
        indexes = [
            models.Index(fields=["area", "is_deleted"]),
            *partial_indexes("reg_hh", "campaign", "source_version", "merged_into"),
        ]

    def __str__(self) -> str:
        return self.head_name or self.house_number or str(self.pk)


class Member(Sourced):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    # The row's place in the submission's repeat (1, 2, …): how a re-approval finds it.
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    sex = _value("sex", _("sex"))
    disability = models.BooleanField(_("disability"), **_YES_NO)
    chronic_illness = models.BooleanField(_("chronic illness"), **_YES_NO)
    elderly_alone = models.BooleanField(_("elderly person living alone"), **_YES_NO)
    occupation = _value("occupation", _("occupation"))
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "position"],
                condition=models.Q(is_deleted=False),
                name="registry_member_position_unique",
            )
        ]
        indexes = partial_indexes("reg_member", "source_version")

    def __str__(self) -> str:
        return self.name or str(self.position)
