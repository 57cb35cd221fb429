"""Tenure relationships (LADM LA_RRR) between a party and a spatial unit, with evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.registry.models.common import Sourced
from mahalla.registry.models.parties import Household, Member
from mahalla.registry.models.spatial import SpatialUnit
from mahalla.registry.models.values import Value


class TenureRelationship(Sourced):
    spatial_unit = models.ForeignKey(
        SpatialUnit,
        verbose_name=_("spatial unit"),
        on_delete=models.CASCADE,
        related_name="relationships",
    )
    # The party: exactly one of a household, a person or an organisation.
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.CASCADE, related_name="relationships"
    )
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="relationships"
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tenure_type = models.ForeignKey(
        Value,
        verbose_name=_("tenure type"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": "tenure_type"},
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tenure relationship")
        verbose_name_plural = _("tenure relationships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(household__isnull=False, member__isnull=True, organisation__isnull=True)
                    | Q(household__isnull=True, member__isnull=False, organisation__isnull=True)
                    | Q(household__isnull=True, member__isnull=True, organisation__isnull=False)
                ),
                name="registry_tenure_one_party",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="registry_tenure_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.tenure_type)


class EvidenceDocument(models.Model):
    """A title deed, lease, permit or receipt that supports a relationship, kept as sent."""

    relationship = models.ForeignKey(
        TenureRelationship, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.ForeignKey(
        Value,
        verbose_name=_("document type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": "evidence_type"},
    )
    file = models.FileField(_("file"), upload_to="registry/evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Removed from the page by someone who may change the household: hidden, not lost (the
    # page offers the undo, and the file stays until then).
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self) -> str:
        return self.name
