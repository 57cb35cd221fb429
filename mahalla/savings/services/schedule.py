"""A loan's repayment schedule, computed from its product (pure arithmetic, no database).

Instalments fall monthly from the disbursement date (the 31st becomes the month's last day).
Grace months come first: no principal is due in them, interest is (on the declining
balance, or the flat share). Every amount is rounded to the currency's places; the last
instalment takes what rounding left over, so the principal always adds up exactly.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Row:
    number: int
    due_on: date
    principal: Decimal
    interest: Decimal
    fee: Decimal
    balance_after: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fee


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def schedule(
    *,
    principal: Decimal,
    term_months: int,
    start: date,
    method: str,
    annual_rate: Decimal,
    instalments: str,
    grace_months: int = 0,
    fee_percent: Decimal = Decimal(0),
    places: int = 2,
) -> list[Row]:
    if term_months < 1 or principal <= 0:
        return []
    grace = min(grace_months, term_months - 1)
    paying = term_months - grace
    monthly = Decimal(annual_rate) / Decimal(1200)
    rows: list[Row] = []
    balance = Decimal(principal)
    # A fee (qard al-hasan) is charged with the first instalment.
    fee_total = _round(principal * Decimal(fee_percent) / 100, places)
    flat_interest = _round(principal * monthly, places) if method == "flat" else Decimal(0)

    equal_payment = None
    if instalments == "equal_instalments" and method == "declining" and monthly:
        factor = (1 + monthly) ** paying
        equal_payment = _round(principal * monthly * factor / (factor - 1), places)
    base_principal = _round(principal / paying, places)

    for n in range(1, term_months + 1):
        due = add_months(start, n)
        if method == "declining":
            interest = _round(balance * monthly, places)
        elif method == "flat":
            interest = flat_interest
        else:
            interest = Decimal(0)
        if n <= grace:
            part = Decimal(0)
        elif n == term_months:
            part = balance
        elif equal_payment is not None:
            part = min(balance, equal_payment - interest)
        else:
            part = min(balance, base_principal)
        balance -= part
        fee = fee_total if n == 1 else Decimal(0)
        rows.append(Row(n, due, part, interest, fee, balance))
    return rows
