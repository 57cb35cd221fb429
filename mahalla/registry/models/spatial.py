"""Spatial units (LADM LA_SpatialUnit): the community itself, its parcels and structures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.registry.models.common import Sourced


class SpatialUnit(Sourced):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("community")
        PARCEL = "parcel", _("parcel")
        STRUCTURE = "structure", _("structure")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The community the unit lies in; a community unit is that community's own boundary
    # (the area's geometry), so it has none of its own.
    area = models.ForeignKey(
        "places.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("lies on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    label = models.CharField(_("number or name"), max_length=100, blank=True)
    geometry = models.JSONField(_("geometry"), null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("spatial unit")
        verbose_name_plural = _("spatial units")
        constraints = [
            models.UniqueConstraint(
                fields=["area"],
                condition=models.Q(kind="community", is_deleted=False),
                name="registry_one_community_unit",
            )
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()
