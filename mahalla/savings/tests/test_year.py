"""A year of a real-sized group, entered as its treasurer would (the demo's Lock 1-2-3: 40
members, eleven monthly meetings, nine loans, one member who stops repaying, a welfare
claim, a fine, the CODI housing loan), then recomputed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from mahalla.people.models import Organisation
from mahalla.people.services import organisation_create
from mahalla.savings import demo
from mahalla.savings.models import Account, Loan, SavingsGroup
from mahalla.savings.services import arrears, ledger, reports
from mahalla.savings.services.operations import savings_balance


# A year posted through the services takes a minute; once is enough, on the production
# database (SQLite's exact sums have their own test in test_ledger).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="run once, on PostgreSQL")
def test_a_year_of_lock_123_adds_up(world):
    codi = organisation_create(by=None, kind=Organisation.Kind.GOVERNMENT_AGENCY,
                               name_en="CODI", name_th="พอช.")  # fmt: skip
    demo.build({"lock_123": world.lock_123}, {"codi": codi}, world.admin)
    group = SavingsGroup.objects.get(organisation__area=world.lock_123)
    members = list(group.members.order_by("number"))
    assert len(members) == 40 and group.meetings.count() == 11

    # By hand: 100 baht a month from 40 members at 11 meetings; 20 to the welfare fund,
    # less one illness benefit of 300; one late-payment fine of 20.
    assert sum(savings_balance(m) for m in members) == Decimal(40 * 100 * 11)
    by_kind = reports.balances_by_kind(group, until=group.meetings.first().held_on)
    assert -by_kind[Account.Kind.WELFARE_FUND] == Decimal(40 * 20 * 11 - 300)
    assert -by_kind[Account.Kind.FINE_INCOME] >= Decimal(20)  # the fine, and penalties
    assert group.loans.filter(member__isnull=False).exclude(status="applied").count() == 9
    assert group.loans.filter(status="applied").count() == 1  # in the queue

    # Member 7 stopped repaying after the fourth meeting: late, charged penalties.
    seventh = Loan.objects.get(member=members[6])
    day = group.meetings.first().held_on
    ages = {a.loan_id: a for a in arrears.loan_ages(group, day)}
    assert ages[seventh.pk].days_late >= 90
    assert ages[seventh.pk].penalty_due > 0
    others = [a for pk, a in ages.items() if pk != seventh.pk]
    assert all(a.days_late == 0 for a in others)

    # The books prove: every posting balances, cached balances equal the entries, the chain
    # holds, debits equal credits, and assets less liabilities are the members' equity.
    assert ledger.unbalanced_transactions(group) == []
    assert ledger.balance_mismatches(group) == []
    assert ledger.chain_verify(group) is None
    _rows, debits, credits = reports.trial_balance(group, day)
    assert debits == credits
    year = reports.statements(group, day.replace(month=1, day=1), day)
    assert year.total_assets - year.total_liabilities == year.equity
    # The CODI loan: three million received, what is owed to CODI is a liability.
    assert -by_kind[Account.Kind.LENDER_LOAN] <= Decimal(3_000_000)
    assert by_kind[Account.Kind.CASH] > 0
