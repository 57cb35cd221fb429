"""Savings groups and cooperatives, their members and committee terms, and closed periods."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.people.models import Organisation
from mahalla.savings.models.money import Currency, amount_field


class SavingsGroup(models.Model):
    """The books of one savings group or cooperative: an organisation of a community."""

    class FiscalCalendar(models.TextChoices):
        BUDDHIST = "buddhist", _("Buddhist Era")
        SOLAR_HIJRI = "solar_hijri", _("Solar Hijri")
        GREGORIAN = "gregorian", _("Gregorian")

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="savings_group",
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    fiscal_calendar = models.CharField(
        _("calendar of the fiscal year"), max_length=16, choices=FiscalCalendar.choices
    )
    # Thai cooperatives often start their year in October, Iranian funds at Nowruz (month 1
    # of the Solar Hijri calendar); the month is counted in `fiscal_calendar`.
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("first month of the fiscal year"), default=1
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Bangkok")
    welfare_contribution = amount_field(_("monthly welfare contribution"), default=0)
    # Postings dated on or before this day are refused (by the database on PostgreSQL).
    closed_through = models.DateField(_("books closed through"), null=True, blank=True)
    # Head of the hash chain of the group's transactions.
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    last_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["last_seq", "last_hash"])

    class Meta:
        verbose_name = _("savings group")
        verbose_name_plural = _("savings groups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="savingsgroup_fiscal_month_1_12",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def area(self):
        return self.organisation.area


class SavingsMember(models.Model):
    """A member of a group: a registry household or person where the registry has them,
    otherwise a name entered here."""

    group = models.ForeignKey(
        SavingsGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="members"
    )
    number = models.PositiveIntegerField(_("member number"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="savings_memberships",
    )
    person = models.ForeignKey(
        "registry.Member",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="savings_memberships",
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("savings group member")
        verbose_name_plural = _("savings group members")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="savingsmember_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class CommitteeTerm(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        TREASURER = "treasurer", _("treasurer")
        SECRETARY = "secretary", _("secretary")
        AUDITOR = "auditor", _("auditor")
        MEMBER = "member", _("committee member")

    member = models.ForeignKey(
        SavingsMember,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="committee_terms",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.member.name} ({self.get_role_display()})"


class ClosedPeriod(models.Model):
    """A month or fiscal year whose books were closed: who closed it and when."""

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="closed_periods")
    through = models.DateField(_("closed through"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)

    class Meta:
        ordering = ["-through"]

    def __str__(self) -> str:
        return str(self.through)
