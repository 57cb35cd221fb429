"""The group's reports, all read from the entries: the month (savings, loans out,
repayments, arrears, welfare fund, cash), the trial balance, the statement of financial
position and income statement of a fiscal year, and the lender repayment report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from mahalla.savings.models import Account, Entry, Loan, SavingsGroup, Transaction
from mahalla.savings.models.money import exact
from mahalla.savings.services import arrears, loans

K = Account.Kind
T = Transaction.Kind
ZERO = Decimal(0)
ASSETS = (K.CASH, K.LOAN, K.PENALTY_DUE)
LIABILITIES = (K.MEMBER_SAVINGS, K.WELFARE_FUND, K.LENDER_LOAN)
INCOME = (K.INTEREST_INCOME, K.FEE_INCOME, K.FINE_INCOME)
EXPENSES = (K.INTEREST_EXPENSE, K.WRITE_OFF, K.CASH_DIFFERENCE)


def balances_by_kind(group: SavingsGroup, *, until: date, since: date | None = None) -> dict:
    """Debit-positive sums of the entries per kind of account, dated in the range."""
    entries = Entry.objects.filter(transaction__group=group, transaction__value_date__lte=until)
    if since is not None:
        entries = entries.filter(transaction__value_date__gte=since)
    rows = entries.values("account__kind").annotate(total=Sum("amount"))
    return {row["account__kind"]: exact(row["total"]) for row in rows}


@dataclass
class TrialRow:
    kind: str
    label: str
    debit: Decimal
    credit: Decimal


def trial_balance(group: SavingsGroup, until: date) -> tuple[list[TrialRow], Decimal, Decimal]:
    sums = balances_by_kind(group, until=until)
    labels = dict(K.choices)
    rows = [
        TrialRow(kind, labels[kind], max(total, ZERO), max(-total, ZERO))
        for kind, total in sorted(sums.items())
        if total
    ]
    return rows, sum((r.debit for r in rows), ZERO), sum((r.credit for r in rows), ZERO)


@dataclass
class Statements:
    assets: list[tuple[str, Decimal]]
    liabilities: list[tuple[str, Decimal]]
    income: list[tuple[str, Decimal]]
    expenses: list[tuple[str, Decimal]]
    surplus: Decimal
    total_assets: Decimal
    total_liabilities: Decimal
    retained: Decimal  # surplus of earlier years

    @property
    def equity(self) -> Decimal:
        return self.retained + self.surplus


def statements(group: SavingsGroup, start: date, end: date) -> Statements:
    """Financial position at `end`, and income and expenses from `start` to `end`."""
    labels = dict(K.choices)
    position = balances_by_kind(group, until=end)
    year = balances_by_kind(group, since=start, until=end)
    assets = [(labels[k], position.get(k, ZERO)) for k in ASSETS]
    liabilities = [(labels[k], -position.get(k, ZERO)) for k in LIABILITIES]
    income = [(labels[k], -year.get(k, ZERO)) for k in INCOME]
    expenses = [(labels[k], year.get(k, ZERO)) for k in EXPENSES]
    surplus = sum((v for _l, v in income), ZERO) - sum((v for _l, v in expenses), ZERO)
    total_assets = sum((v for _l, v in assets), ZERO)
    total_liabilities = sum((v for _l, v in liabilities), ZERO)
    return Statements(
        assets=assets,
        liabilities=liabilities,
        income=income,
        expenses=expenses,
        surplus=surplus,
        total_assets=total_assets,
        total_liabilities=total_liabilities,
        retained=total_assets - total_liabilities - surplus,
    )


@dataclass
class MonthReport:
    start: date
    end: date
    savings_in: Decimal
    savings_out: Decimal
    savings_total: Decimal
    loans_out_count: int
    disbursed: Decimal
    repaid: Decimal
    outstanding: Decimal
    arrears: Decimal
    par: arrears.PortfolioAtRisk
    welfare_in: Decimal
    welfare_out: Decimal
    welfare_fund: Decimal
    fines: Decimal
    cash_start: Decimal
    cash_end: Decimal
    meetings: int


def _cash_of(group, kinds, start, end) -> Decimal:
    total = Entry.objects.filter(
        transaction__group=group,
        transaction__kind__in=kinds,
        transaction__value_date__gte=start,
        transaction__value_date__lte=end,
        account__kind=K.CASH,
    ).aggregate(t=Sum("amount"))["t"]
    return abs(exact(total))


def month_report(group: SavingsGroup, start: date, end: date) -> MonthReport:
    before = balances_by_kind(group, until=start.fromordinal(start.toordinal() - 1))
    after = balances_by_kind(group, until=end)
    ages = arrears.loan_ages(group, end)
    return MonthReport(
        start=start,
        end=end,
        savings_in=_cash_of(group, [T.DEPOSIT], start, end),
        savings_out=_cash_of(group, [T.WITHDRAWAL], start, end),
        savings_total=-after.get(K.MEMBER_SAVINGS, ZERO),
        loans_out_count=len(ages),
        disbursed=_cash_of(group, [T.DISBURSEMENT], start, end),
        repaid=_cash_of(group, [T.REPAYMENT], start, end),
        outstanding=after.get(K.LOAN, ZERO),
        arrears=sum((a.arrears for a in ages), ZERO),
        par=arrears.portfolio_at_risk(ages),
        welfare_in=_cash_of(group, [T.WELFARE_CONTRIBUTION], start, end),
        welfare_out=_cash_of(group, [T.WELFARE_BENEFIT], start, end),
        welfare_fund=-after.get(K.WELFARE_FUND, ZERO),
        fines=_cash_of(group, [T.FINE], start, end),
        cash_start=before.get(K.CASH, ZERO),
        cash_end=after.get(K.CASH, ZERO),
        meetings=group.meetings.filter(held_on__gte=start, held_on__lte=end).count(),
    )


@dataclass
class LenderRow:
    loan: Loan
    due_to_lender: Decimal
    due_from_members: Decimal
    collected: Decimal
    paid_to_lender: Decimal

    @property
    def gap(self) -> Decimal:
        """What the members' schedules leave uncovered of the month's repayment."""
        return self.due_to_lender - self.due_from_members


def lender_report(group: SavingsGroup, start: date, end: date) -> list[LenderRow]:
    rows = []
    for collective in group.loans.filter(member__isnull=True, status=Loan.Status.DISBURSED):
        due = collective.instalments.filter(due_on__gte=start, due_on__lte=end).aggregate(
            t=Sum("principal") + Sum("interest") + Sum("fee")
        )["t"]
        collected = Entry.objects.filter(
            Q(transaction__loan__funded_by=collective)
            | Q(transaction__loan__replaces__funded_by=collective),
            transaction__kind=T.REPAYMENT,
            transaction__value_date__gte=start,
            transaction__value_date__lte=end,
            account__kind=K.CASH,
        ).aggregate(t=Sum("amount"))["t"]
        paid = Entry.objects.filter(
            transaction__loan=collective,
            transaction__kind=T.LENDER_REPAYMENT,
            transaction__value_date__gte=start,
            transaction__value_date__lte=end,
            account__kind=K.CASH,
        ).aggregate(t=Sum("amount"))["t"]
        rows.append(
            LenderRow(
                loan=collective,
                due_to_lender=exact(due),
                due_from_members=loans.members_due(collective, end),
                collected=exact(collected),
                paid_to_lender=-exact(paid),
            )
        )
    return rows


def passbook(member, until: date | None = None) -> list[dict]:
    """The member's lines: every posting that moved their savings, loans or welfare,
    with the savings balance after each."""
    txs = (
        Transaction.objects.filter(member=member)
        .order_by("value_date", "seq")
        .prefetch_related("entries__account")
    )
    if until is not None:
        txs = txs.filter(value_date__lte=until)
    balance = ZERO
    lines = []
    for tx in txs:
        savings = sum(
            (-e.amount for e in tx.entries.all() if e.account.kind == K.MEMBER_SAVINGS), ZERO
        )
        cash = sum((e.amount for e in tx.entries.all() if e.account.kind == K.CASH), ZERO)
        balance += savings
        lines.append(
            {
                "tx": tx,
                "savings": savings,
                "cash": cash,
                "balance": balance,
                "loan": sum((e.amount for e in tx.entries.all() if e.account.kind == K.LOAN), ZERO),
            }
        )
    return lines
