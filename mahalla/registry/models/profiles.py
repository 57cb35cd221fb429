"""The settlement profile: what a community was like at one survey round.

A time series, not one overwritten row: each approved community profile adds (or, when the
same submission is approved again, updates) its own profile, and pages and dashboards read
a community's latest one (`selectors.latest_profiles`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.registry.models.common import Surveyed, partial_indexes, unique_source_submission
from mahalla.registry.models.parties import _YES_NO, _value
from mahalla.registry.models.values import Value


class SettlementProfile(Surveyed):
    source_submission = unique_source_submission()
    land_owner_type = _value("land_owner_type", _("land owner"))
    tenure_situation = _value("tenure_situation", _("tenure situation"))
    eviction_threat = _value("eviction_threat", _("eviction threat"))
    houses = models.PositiveIntegerField(_("houses"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    water = _value("service_access", _("piped water"))
    electricity = _value("service_access", _("electricity"))
    drainage = _value("service_access", _("drainage"))
    toilets = _value("service_access", _("toilets"))
    access_road_width = models.DecimalField(
        _("access road width (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    solid_waste = _value("solid_waste", _("solid waste collection"))
    hazards = models.ManyToManyField(
        Value,
        verbose_name=_("hazards"),
        blank=True,
        related_name="+",
        limit_choices_to={"list": "hazard"},
    )
    services = models.ManyToManyField(
        Value,
        verbose_name=_("services nearby"),
        blank=True,
        related_name="+",
        limit_choices_to={"list": "service"},
    )
    has_community_organisation = models.BooleanField(_("community organisation"), **_YES_NO)
    has_savings_group = models.BooleanField(_("savings group"), **_YES_NO)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[hazards, services])

    class Meta:
        verbose_name = _("settlement profile")
        verbose_name_plural = _("settlement profiles")
        ordering = ["area", "-observed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_submission"],
                condition=models.Q(source_submission__isnull=False),
                name="registry_profile_one_per_submission",
            )
        ]
        indexes = [
            models.Index(fields=["area", "is_deleted", "observed_on"]),
            *partial_indexes("reg_profile", "campaign", "source_version"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.observed_on or ''}".strip()
