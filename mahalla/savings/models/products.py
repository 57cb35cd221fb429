"""A group's products and rules, as data the committee edits: savings, welfare benefits,
fines and loans."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.savings.models.groups import SavingsGroup
from mahalla.savings.models.money import amount_field


def rate_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=4, default=0, **kwargs)


class SavingsProduct(models.Model):
    class Kind(models.TextChoices):
        COMPULSORY = "compulsory", _("compulsory monthly savings")
        VOLUNTARY = "voluntary", _("voluntary savings")

    group = models.ForeignKey(
        SavingsGroup, on_delete=models.PROTECT, related_name="savings_products"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    monthly_amount = amount_field(_("monthly amount"), default=0)
    minimum_balance = amount_field(_("minimum balance"), default=0)
    annual_interest_rate = rate_field(_("yearly interest (%)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("savings product")
        verbose_name_plural = _("savings products")
        ordering = ["group", "kind", "id"]

    def __str__(self) -> str:
        return self.name


class WelfareBenefit(models.Model):
    class Kind(models.TextChoices):
        BIRTH = "birth", _("birth")
        ILLNESS = "illness", _("illness")
        DEATH = "death", _("death")
        OLD_AGE = "old_age", _("old age")

    group = models.ForeignKey(
        SavingsGroup, on_delete=models.PROTECT, related_name="welfare_benefits"
    )
    kind = models.CharField(_("benefit"), max_length=16, choices=Kind.choices)
    amount = amount_field(_("amount"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "kind"], name="welfarebenefit_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class FineRule(models.Model):
    class Kind(models.TextChoices):
        LATE = "late", _("late payment")
        ABSENCE = "absence", _("absence from the meeting")

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="fine_rules")
    kind = models.CharField(_("fine"), max_length=16, choices=Kind.choices)
    amount = amount_field(_("amount"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "kind"], name="finerule_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class LoanProduct(models.Model):
    class Interest(models.TextChoices):
        FLAT = "flat", _("flat, on the amount lent")
        DECLINING = "declining", _("on the declining balance")
        NONE_FEE = "none_fee", _("no interest, a fee (qard al-hasan)")

    class Instalments(models.TextChoices):
        EQUAL_INSTALMENTS = "equal_instalments", _("equal instalments")
        EQUAL_PRINCIPAL = "equal_principal", _("equal principal")

    DEFAULT_ORDER = "penalty,fee,interest,principal"

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="loan_products")
    name = models.CharField(_("name"), max_length=120)
    interest_method = models.CharField(
        _("interest"), max_length=16, choices=Interest.choices, default=Interest.DECLINING
    )
    annual_interest_rate = rate_field(_("yearly interest (%)"))
    # xgettext:no-python-format
    fee_percent = rate_field(_("fee (% of the amount lent)"))
    instalments = models.CharField(
        _("instalments"),
        max_length=20,
        choices=Instalments.choices,
        default=Instalments.EQUAL_INSTALMENTS,
    )
    max_term_months = models.PositiveSmallIntegerField(_("longest term (months)"), default=12)
    grace_months = models.PositiveSmallIntegerField(_("grace period (months)"), default=0)
    repayment_order = models.CharField(_("repayment order"), max_length=60, default=DEFAULT_ORDER)
    max_amount = amount_field(_("largest loan"), null=True, blank=True)
    savings_multiple = models.DecimalField(
        _("at most this many times the member's savings"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    guarantors_required = models.PositiveSmallIntegerField(_("guarantors needed"), default=0)
    # Charged once a month on what is overdue, after the days of grace.
    penalty_percent = rate_field(_("penalty per month on what is overdue (%)"))
    penalty_grace_days = models.PositiveSmallIntegerField(_("days before a penalty"), default=0)
    # The loan the group itself takes from a lender (CODI) and on-lends.
    is_collective = models.BooleanField(_("collective loan from a lender"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def order(self) -> list[str]:
        return [p for p in self.repayment_order.split(",") if p]
