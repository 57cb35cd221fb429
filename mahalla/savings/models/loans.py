"""Loans: applications in a queue, approval by the committee, the schedule, and the group's
collective loan from a lender that members' loans are on-lent from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mahalla.people.models import Organisation
from mahalla.savings.models.groups import SavingsGroup, SavingsMember
from mahalla.savings.models.money import amount_field
from mahalla.savings.models.products import LoanProduct


class Loan(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        DISBURSED = "disbursed", _("paid out")
        CLOSED = "closed", _("repaid")
        WRITTEN_OFF = "written_off", _("written off")
        RESCHEDULED = "rescheduled", _("rescheduled")

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="loans")
    product = models.ForeignKey(LoanProduct, verbose_name=_("product"), on_delete=models.PROTECT)
    # Empty for the group's own loan from a lender.
    member = models.ForeignKey(
        SavingsMember,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    lender = models.ForeignKey(
        Organisation,
        verbose_name=_("lender"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    funded_by = models.ForeignKey(
        "self",
        verbose_name=_("on-lent from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="on_lent",
    )
    # A rescheduled loan is replaced by a new one that continues it.
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    principal = amount_field(_("amount"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    guarantors = models.ManyToManyField(
        SavingsMember, verbose_name=_("guarantors"), blank=True, related_name="guaranteed"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    applied_on = models.DateField(_("applied"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_meeting = models.ForeignKey(
        "savings.GroupMeeting",
        verbose_name=_("meeting that decided"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loan_decisions",
    )
    approvers = models.CharField(_("committee members who approved"), max_length=300, blank=True)
    disbursed_on = models.DateField(_("paid out"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["group", "applied_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(principal__gt=0), name="loan_positive"),
            models.CheckConstraint(
                condition=models.Q(member__isnull=False) | models.Q(lender__isnull=False),
                name="loan_has_a_borrower_or_lender",
            ),
        ]
        indexes = [models.Index(fields=["status", "group"], name="loan_status_group")]

    def __str__(self) -> str:
        return f"{self.pk} {self.principal}"

    @property
    def is_collective(self) -> bool:
        return self.member_id is None


class Instalment(models.Model):
    """One row of a loan's schedule, fixed when the loan is paid out. What was paid is
    never stored here: it follows from the ledger (`services.loans.loan_position`)."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    principal = amount_field(_("principal"))
    interest = amount_field(_("interest"))
    fee = amount_field(_("fee"), default=0)

    class Meta:
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_number"),
        ]
        indexes = [models.Index(fields=["due_on", "loan"], name="instalment_due")]

    def __str__(self) -> str:
        return f"{self.loan_id}/{self.number}"

    @property
    def total(self):
        return self.principal + self.interest + self.fee
