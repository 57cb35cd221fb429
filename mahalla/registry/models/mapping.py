"""Which question of a form fills which registry field (editable; default forms come mapped).

A form's mapping has a target (a settlement profile, or a household with its members) and
field maps from a registry field (`ingest.targets`) to a question path of the form
(`FormVersion.fields`, "/land/land_owner_type"; a member's field names a question inside
the members' repeat, "/members/age")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FormMapping(models.Model):
    class Target(models.TextChoices):
        SETTLEMENT = "settlement", _("settlement profile")
        HOUSEHOLD = "household", _("household and members")

    form = models.OneToOneField(
        "surveys.Form", verbose_name=_("form"), on_delete=models.CASCADE, related_name="mapping"
    )
    target = models.CharField(_("fills"), max_length=12, choices=Target.choices)
    active = models.BooleanField(_("in use"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("registry mapping")
        verbose_name_plural = _("registry mappings")

    def __str__(self) -> str:
        return f"{self.form} → {self.get_target_display()}"


class FieldMap(models.Model):
    mapping = models.ForeignKey(FormMapping, on_delete=models.CASCADE, related_name="fields")
    target = models.CharField(_("registry field"), max_length=60)
    source = models.CharField(_("question"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field mapping")
        verbose_name_plural = _("field mappings")
        ordering = ["mapping", "target"]
        constraints = [
            models.UniqueConstraint(fields=["mapping", "target"], name="registry_fieldmap_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
