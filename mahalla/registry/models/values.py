"""Value lists: land owner types, tenure types, hazards… as data in th/fa/en.

Which lists exist is code (registry fields point at them); what a list holds is data that
administrators edit. A value's `code` is what a form's choice sends (the XLSForm choice
name), so a submission's answer finds its value without translation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.places.models import localized_name


class ValueList(models.TextChoices):
    LAND_OWNER_TYPE = "land_owner_type", _("land owner type")
    TENURE_SITUATION = "tenure_situation", _("tenure situation")
    EVICTION_THREAT = "eviction_threat", _("eviction threat")
    SERVICE_ACCESS = "service_access", _("access to a service")
    SOLID_WASTE = "solid_waste", _("solid waste collection")
    HAZARD = "hazard", _("hazard")
    SERVICE = "service", _("service nearby")
    TENURE_TYPE = "tenure_type", _("tenure type")
    SEX = "sex", _("sex")
    OCCUPATION = "occupation", _("occupation")
    INCOME_BAND = "income_band", _("income band")
    HOUSE_CONDITION = "house_condition", _("house condition")
    EVIDENCE_TYPE = "evidence_type", _("evidence document type")


class Value(models.Model):
    list = models.CharField(_("list"), max_length=40, choices=ValueList.choices)
    code = models.CharField(_("code"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_th = models.CharField(_("name (Thai)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["list", "rank", "code"]
        constraints = [
            models.UniqueConstraint(fields=["list", "code"], name="registry_value_unique")
        ]

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def name(self) -> str:
        return localized_name(self)
