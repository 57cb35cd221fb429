"""Arrears at month end: how late each loan is, the portfolio at risk, and the penalties the
products charge. Ages are computed set-based in one statement per group (the same
arithmetic as `loans.loan_position`, which a loan's own page uses), so the month end of a
city's groups does not read loans one by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import connection

from mahalla.savings.models import Account, Loan, SavingsGroup, Transaction
from mahalla.savings.models.money import PLACES
from mahalla.savings.services.ledger import KeyConflict, Leg, error_code, post

K = Account.Kind
ZERO = Decimal(0)
BUCKETS = (1, 30, 90)  # portfolio at risk after 1, 30 and 90 days

# Per disbursed loan of one group: what fell due by the day, what was paid toward the
# schedule (principal, interest and fee; not penalties, not the payout or a write-off), the
# principal still out, and the due date of the oldest instalment not covered by payments.
# Every join names the group, so the planner stays inside the group's rows (without it each
# group's query walked every group's accounts, and the month end grew with the city).
AGES_SQL = """
WITH paid AS (
    SELECT t.loan_id AS loan_id, -SUM(e.amount) AS paid
    FROM savings_entry e
    JOIN savings_transaction t ON t.id = e.transaction_id
    JOIN savings_account a ON a.id = e.account_id AND a.group_id = %(group)s
    LEFT JOIN savings_transaction o ON o.id = t.reverses_id
    WHERE t.group_id = %(group)s AND t.value_date <= %(day)s AND t.loan_id IS NOT NULL
      AND a.kind IN ('loan', 'interest_income', 'fee_income')
      AND t.kind NOT IN ('disbursement', 'write_off', 'penalty')
      AND COALESCE(o.kind, '') NOT IN ('disbursement', 'write_off', 'penalty')
    GROUP BY t.loan_id
),
due AS (
    SELECT i.loan_id AS loan_id, i.due_on AS due_on,
           SUM(i.principal + i.interest + i.fee)
               OVER (PARTITION BY i.loan_id ORDER BY i.number) AS running
    FROM savings_instalment i
    JOIN savings_loan l ON l.id = i.loan_id
    WHERE l.group_id = %(group)s AND l.status = 'disbursed' AND l.member_id IS NOT NULL
      AND i.due_on <= %(day)s
)
SELECT l.id, l.product_id,
       COALESCE(MAX(d.running), 0) AS due_total,
       COALESCE(MAX(p.paid), 0) AS paid_total,
       MIN(CASE WHEN d.running > COALESCE(p.paid, 0) THEN d.due_on END) AS oldest_unpaid,
       COALESCE(MAX(a.balance), 0) AS outstanding,
       COALESCE(MAX(pd.balance), 0) AS penalty_due
FROM savings_loan l
LEFT JOIN due d ON d.loan_id = l.id
LEFT JOIN paid p ON p.loan_id = l.id
LEFT JOIN savings_account a
       ON a.loan_id = l.id AND a.kind = 'loan' AND a.group_id = %(group)s
LEFT JOIN savings_account pd
       ON pd.loan_id = l.id AND pd.kind = 'penalty_due' AND pd.group_id = %(group)s
WHERE l.group_id = %(group)s AND l.status = 'disbursed' AND l.member_id IS NOT NULL
GROUP BY l.id, l.product_id
"""


@dataclass(frozen=True)
class Age:
    loan_id: int
    product_id: int
    arrears: Decimal
    outstanding: Decimal
    penalty_due: Decimal
    oldest_unpaid: date | None
    days_late: int

    @property
    def bucket(self) -> int:
        """0 when current, else the largest of 1, 30, 90 the loan is late by."""
        return max((b for b in BUCKETS if self.days_late >= b), default=0)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# The same for several groups at once (PostgreSQL: an array of group ids), with each row's
# group first: the nightly month end of a city ages every loan in one statement.
AGES_MANY_SQL = (
    AGES_SQL.replace("a.group_id = %(group)s\n", "a.group_id = t.group_id\n", 1)
    .replace("AND a.group_id = %(group)s", "AND a.group_id = l.group_id")
    .replace("AND pd.group_id = %(group)s", "AND pd.group_id = l.group_id")
    .replace("= %(group)s", "= ANY(%(groups)s)")
    .replace("SELECT l.id, l.product_id,", "SELECT l.group_id, l.id, l.product_id,")
    .replace("GROUP BY l.id, l.product_id", "GROUP BY l.group_id, l.id, l.product_id")
)


def loan_ages(group: SavingsGroup, day: date) -> list[Age]:
    with connection.cursor() as cursor:
        cursor.execute(AGES_SQL, {"group": group.pk, "day": day})
        rows = cursor.fetchall()
    return _ages(group, day, rows)


def _ages(group: SavingsGroup, day: date, rows) -> list[Age]:
    quantum = Decimal(1).scaleb(-PLACES.get(group.currency, 2))

    def exact(value) -> Decimal:
        # SQLite sums decimals as floats; the currency's places make them exact again.
        return Decimal(str(value)).quantize(quantum)

    ages = []
    for loan_id, product_id, due_total, paid_total, oldest, outstanding, penalty in rows:
        oldest = _as_date(oldest)
        due_total, paid_total = exact(due_total), exact(paid_total)
        outstanding, penalty = exact(outstanding), exact(penalty)
        ages.append(
            Age(
                loan_id=loan_id,
                product_id=product_id,
                arrears=max(ZERO, due_total - paid_total),
                outstanding=outstanding,
                penalty_due=penalty,
                oldest_unpaid=oldest,
                days_late=(day - oldest).days if oldest else 0,
            )
        )
    return ages


@dataclass
class PortfolioAtRisk:
    outstanding: Decimal
    at_risk: dict[int, Decimal]  # bucket → principal outstanding of loans that late
    loans_at_risk: dict[int, int]
    loans: int

    def ratio(self, bucket: int) -> Decimal:
        if not self.outstanding:
            return ZERO
        return (self.at_risk[bucket] * 100 / self.outstanding).quantize(Decimal("0.1"))


def portfolio_at_risk(ages: list[Age]) -> PortfolioAtRisk:
    par = PortfolioAtRisk(
        outstanding=sum((a.outstanding for a in ages), ZERO),
        at_risk=dict.fromkeys(BUCKETS, ZERO),
        loans_at_risk=dict.fromkeys(BUCKETS, 0),
        loans=len(ages),
    )
    for age in ages:
        for bucket in BUCKETS:
            if age.days_late >= bucket:
                par.at_risk[bucket] += age.outstanding
                par.loans_at_risk[bucket] += 1
    return par


def penalties_due(group: SavingsGroup, ages: list[Age]) -> dict[int, Decimal]:
    """The penalty each late loan is charged this month by its product (a percentage of
    what is overdue, after the product's days of grace)."""
    products = {p.pk: p for p in group.loan_products.all()}
    quantum = Decimal(1).scaleb(-PLACES.get(group.currency, 2))
    charged = {}
    for age in ages:
        product = products[age.product_id]
        if not product.penalty_percent or age.arrears <= 0:
            continue
        if age.days_late <= product.penalty_grace_days:
            continue
        amount = (age.arrears * product.penalty_percent / 100).quantize(quantum, ROUND_HALF_UP)
        if amount > 0:
            charged[age.loan_id] = amount
    return charged


def month_end_many(groups: list[SavingsGroup], day: date, *, by=None) -> int:
    """`month_end` for many groups on the same day: on PostgreSQL their loans are aged in
    one statement, then each group's penalties are posted. Returns the loans charged."""
    if connection.vendor != "postgresql":
        return sum(month_end(group, day, by=by)[1] for group in groups)
    by_group: dict[int, list] = {group.pk: [] for group in groups}
    with connection.cursor() as cursor:
        cursor.execute(AGES_MANY_SQL, {"groups": list(by_group), "day": day})
        for group_id, *row in cursor.fetchall():
            by_group[group_id].append(row)
    return sum(
        month_end(group, day, by=by, ages=_ages(group, day, by_group[group.pk]))[1]
        for group in groups
    )


def month_end(group: SavingsGroup, day: date, *, by=None, ages=None) -> tuple[list[Age], int]:
    """Age the group's loans on `day` (unless `ages` are given) and charge the month's
    penalties in one posting (its key names the month, so running the month end again
    charges nothing twice). Returns the ages and the number of loans charged."""
    if ages is None:
        ages = loan_ages(group, day)
    charged = penalties_due(group, ages)
    if not charged:
        return ages, 0
    loans = {loan.pk: loan for loan in Loan.objects.filter(pk__in=charged).only("pk", "group")}
    legs = [Leg(K.PENALTY_DUE, amount, loan=loans[pk]) for pk, amount in sorted(charged.items())]
    legs.append(Leg(K.FINE_INCOME, -sum(charged.values(), ZERO)))
    try:
        posted = post(
            group=group, kind=Transaction.Kind.PENALTY, value_date=day,
            key=f"penalties:{day:%Y-%m}", by=by, memo="month-end penalties", legs=legs,
            request={"penalties": f"{day:%Y-%m}"},
        )  # fmt: skip
    except ValidationError as error:
        if error_code(error) == "closed_period":
            return ages, 0
        raise
    except KeyConflict:
        return ages, 0
    return ages, 0 if posted.replayed else len(charged)
