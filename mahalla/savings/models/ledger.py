"""The double-entry ledger: accounts, transactions and their entries.

Entries are append-only: a correction is a reversing transaction linked to the original.
On PostgreSQL the database refuses an update or delete of a posted transaction or entry,
an unbalanced transaction (a deferred constraint trigger, checked at commit) and a posting
dated in a closed period (migration 0002); the service checks the same on both databases.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.savings.models.groups import SavingsGroup, SavingsMember
from mahalla.savings.models.money import amount_field


class Account(models.Model):
    class Kind(models.TextChoices):
        CASH = "cash", _("cash box")
        MEMBER_SAVINGS = "member_savings", _("member savings")
        LOAN = "loan", _("loan to a member")
        PENALTY_DUE = "penalty_due", _("penalties due")
        WELFARE_FUND = "welfare_fund", _("welfare fund")
        INTEREST_INCOME = "interest_income", _("interest received")
        FEE_INCOME = "fee_income", _("fees received")
        FINE_INCOME = "fine_income", _("fines and penalties received")
        LENDER_LOAN = "lender_loan", _("loan from a lender")
        INTEREST_EXPENSE = "interest_expense", _("interest paid to lenders")
        CASH_DIFFERENCE = "cash_difference", _("cash over or short")
        WRITE_OFF = "write_off", _("loans written off")

    # Accounts whose balance is normally a debit (what the group has or spent).
    DEBIT_NORMAL = {"cash", "loan", "penalty_due", "interest_expense", "write_off"}

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="accounts")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # "cash", "savings:<member>:<product>", "loan:<loan>"…: one account per key and group.
    key = models.CharField(max_length=60)
    currency = models.CharField(_("currency"), max_length=3)
    member = models.ForeignKey(
        SavingsMember, null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    product = models.ForeignKey(
        "savings.SavingsProduct", null=True, blank=True, on_delete=models.PROTECT
    )
    loan = models.ForeignKey(
        "savings.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    # A cache of the sum of the account's entries (debits positive), updated in the posting's
    # transaction; `ledger.balances_check` proves it against the entries.
    balance = amount_field(_("balance"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "key"], name="account_key_per_group"),
            # A member's savings (a credit balance) never goes below nothing.
            models.CheckConstraint(
                condition=~models.Q(kind="member_savings") | models.Q(balance__lte=0),
                name="account_savings_never_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def natural_balance(self):
        """The balance as a treasurer reads it: savings and funds positive."""
        return self.balance if self.kind in self.DEBIT_NORMAL else -self.balance


class Transaction(models.Model):
    class Kind(models.TextChoices):
        DEPOSIT = "deposit", _("savings deposit")
        WITHDRAWAL = "withdrawal", _("savings withdrawal")
        WELFARE_CONTRIBUTION = "welfare_contribution", _("welfare contribution")
        WELFARE_BENEFIT = "welfare_benefit", _("welfare benefit paid")
        FINE = "fine", _("fine")
        DISBURSEMENT = "disbursement", _("loan paid out")
        REPAYMENT = "repayment", _("loan repayment")
        PENALTY = "penalty", _("penalty charged")
        WRITE_OFF = "write_off", _("loan written off")
        LENDER_DRAWDOWN = "lender_drawdown", _("loan received from a lender")
        LENDER_REPAYMENT = "lender_repayment", _("repayment to a lender")
        CASH_DIFFERENCE = "cash_difference", _("cash counted differs")
        REVERSAL = "reversal", _("reversal")

    group = models.ForeignKey(SavingsGroup, on_delete=models.PROTECT, related_name="transactions")
    seq = models.PositiveBigIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    value_date = models.DateField(_("date"))
    # Set by the service (not auto_now_add) because the hash chain covers it.
    posted_at = models.DateTimeField(_("posted"), default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "savings.GroupMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    device = models.CharField(_("device"), max_length=80, blank=True)
    memo = models.CharField(_("why"), max_length=300, blank=True)
    member = models.ForeignKey(
        SavingsMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    loan = models.ForeignKey(
        "savings.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Made by the client (a phone's UUID): a resend with the same key and the same request
    # returns the first posting; the same key with another request is refused.
    idempotency_key = models.CharField(max_length=64)
    request_hash = models.CharField(max_length=64)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["group", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["group", "seq"], name="transaction_seq_per_group"),
            models.UniqueConstraint(
                fields=["group", "idempotency_key"], name="transaction_key_per_group"
            ),
        ]
        indexes = [models.Index(fields=["loan", "value_date"], name="transaction_loan_date")]

    def __str__(self) -> str:
        return f"{self.group_id}#{self.seq} {self.kind}"


class Entry(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    currency = models.CharField(max_length=3)
    # Debits positive, credits negative: the entries of a transaction sum to zero.
    amount = amount_field(_("amount"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="entry_not_zero"),
        ]
        indexes = [models.Index(fields=["account", "transaction"], name="entry_account_tx")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount}"
