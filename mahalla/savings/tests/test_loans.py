"""Loans from application to close, read from the ledger; arrears, penalties, PAR and the
collective loan from CODI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mahalla.savings.models import Loan
from mahalla.savings.services import arrears, ledger, loans, operations
from mahalla.savings.services.ledger import error_code
from mahalla.savings.testing import collective_product, member_loan_product

DAY = date(2025, 1, 15)


def _funded(group, members, amount="5000"):
    for n, member in enumerate(members):
        operations.deposit(member=member, amount=amount, day=date(2025, 1, 1), key=f"s{n}",
                           by=None)  # fmt: skip


def _loan(group, member, principal="6000", term=6, product=None):
    loan = loans.apply(group=group, member=member, product=product or member_loan_product(group),
                       principal=principal, term_months=term, applied_on=DAY)  # fmt: skip
    loans.decide(loan=loan, approve=True, by=None, approvers="ประธาน, เหรัญญิก")
    loans.disburse(loan=loan, day=DAY, key=f"out{loan.pk}", by=None)
    loan.refresh_from_db()
    return loan


def test_a_loan_above_its_limit_is_refused_with_the_field_named(group, members):
    _funded(group, members, "1000")
    with pytest.raises(ValidationError) as caught:
        loans.apply(group=group, member=members[0], product=member_loan_product(group),
                    principal="๓๐๐๑", term_months=6, applied_on=DAY)  # fmt: skip
    assert "principal" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        loans.apply(group=group, member=members[0], product=member_loan_product(group),
                    principal="1000", term_months=36, applied_on=DAY)  # fmt: skip
    assert "term_months" in caught.value.message_dict
    assert not Loan.objects.exists()


def test_schedule_is_shown_before_approval_and_fixed_at_payout(group, members):
    _funded(group, members)
    loan = loans.apply(group=group, member=members[0], product=member_loan_product(group),
                       principal="6000", term_months=6, applied_on=DAY)  # fmt: skip
    planned = loans.planned_schedule(loan)
    assert len(planned) == 6 and sum(r.principal for r in planned) == Decimal(6000)
    assert loans.queue(group) == [loan]
    with pytest.raises(ValidationError):
        loans.decide(loan=loan, approve=True, by=None)  # no approvers named
    loans.decide(loan=loan, approve=True, by=None, approvers="ประธาน")
    loans.disburse(loan=loan, day=DAY, key="out", by=None)
    assert loan.instalments.count() == 6
    assert loans.queue(group) == []


def test_repayment_posts_interest_and_principal_in_the_products_order(group, members):
    _funded(group, members)
    loan = _loan(group, members[0])
    first = loan.instalments.get(number=1)
    assert first.interest == Decimal("60.00")  # 1 % of 6,000 a month
    posted = loans.repay(loan=loan, amount=str(first.total), day=first.due_on, key="r1", by=None)
    kinds = {e.account.kind: e.amount for e in posted.transaction.entries.all()}
    assert kinds["interest_income"] == -first.interest
    assert kinds["loan"] == -first.principal
    position = loans.loan_position(loan, first.due_on)
    assert position.arrears == 0 and position.days_late == 0


def test_double_submitted_repayment_posts_once(group, members):
    _funded(group, members)
    loan = _loan(group, members[0])
    first = loan.instalments.get(number=1)
    loans.repay(loan=loan, amount="1000", day=first.due_on, key="same", by=None)
    again = loans.repay(loan=loan, amount="1000", day=first.due_on, key="same", by=None)
    assert again.replayed
    assert loans.paid_parts(loan)["principal"] + loans.paid_parts(loan)["interest"] == 1000


def test_overpayment_is_refused(group, members):
    _funded(group, members)
    loan = _loan(group, members[0], principal="1000", term=2)
    with pytest.raises(ValidationError) as caught:
        loans.repay(loan=loan, amount="5000", day=DAY, key="x", by=None)
    assert error_code(caught.value) == "overpaid"


def test_full_repayment_closes_and_a_reversal_reopens_the_position(group, members):
    _funded(group, members)
    loan = _loan(group, members[0], principal="1000", term=2)
    rows = list(loan.instalments.all())
    for row in rows:
        last = loans.repay(loan=loan, amount=str(row.total), day=row.due_on, key=f"r{row.number}",
                           by=None)  # fmt: skip
    loan.refresh_from_db()
    assert loan.status == Loan.Status.CLOSED
    ledger.reverse(original=last.transaction, key="rev", by=None, memo="wrong member",
                   value_date=rows[-1].due_on)  # fmt: skip
    position = loans.loan_position(loan, rows[-1].due_on)
    assert position.arrears == rows[-1].total


def test_qard_al_hasan_charges_a_fee_not_interest(group, members):
    _funded(group, members)
    product = group.loan_products.get(interest_method="none_fee")
    loan = _loan(group, members[1], principal="1000", term=4, product=product)
    rows = list(loan.instalments.all())
    assert sum(r.interest for r in rows) == 0
    assert sum(r.fee for r in rows) == Decimal(20)


def test_ages_par_and_penalties_once_a_month(group, members):
    _funded(group, members)
    late = _loan(group, members[0])
    current = _loan(group, members[1])
    for row in current.instalments.filter(due_on__lte=date(2025, 5, 31)):
        loans.repay(loan=current, amount=str(row.total), day=row.due_on, key=f"c{row.number}",
                    by=None)  # fmt: skip
    day = date(2025, 5, 31)
    ages = {a.loan_id: a for a in arrears.loan_ages(group, day)}
    assert ages[current.pk].days_late == 0
    first_due = late.instalments.get(number=1).due_on
    assert ages[late.pk].days_late == (day - first_due).days
    # The set-based ages agree with the loan page's own arithmetic.
    position = loans.loan_position(late, day)
    assert ages[late.pk].arrears == position.arrears
    assert ages[late.pk].bucket == 90
    par = arrears.portfolio_at_risk(list(ages.values()))
    assert par.loans_at_risk[1] == 1 and par.ratio(90) > 0
    _ages, charged = arrears.month_end(group, day)
    assert charged == 1
    assert loans.loan_position(late, day).penalty_due == (position.arrears / 100).quantize(
        Decimal("0.01")
    )
    assert arrears.month_end(group, day)[1] == 0  # a second run charges nothing
    assert ledger.balance_mismatches(group) == []


def test_collective_loan_is_received_and_repaid_to_the_lender(group, members, world):
    from mahalla.people.models import Organisation
    from mahalla.people.services import organisation_create

    codi = organisation_create(by=None, kind=Organisation.Kind.GOVERNMENT_AGENCY,
                               name_en="CODI", name_th="พอช.")  # fmt: skip
    _funded(group, members)
    product = collective_product(group)
    housing = loans.apply(group=group, member=None, lender=codi, product=product,
                          principal="1500000", term_months=180, applied_on=DAY)  # fmt: skip
    loans.decide(loan=housing, approve=True, by=None, approvers="CODI board")
    loans.disburse(loan=housing, day=DAY, key="codi", by=None)
    assert ledger.balance_mismatches(group) == []
    product = member_loan_product(group)
    on_lent = loans.apply(group=group, member=members[0], product=product, principal="1000",
                          term_months=2, applied_on=DAY, funded_by=housing)  # fmt: skip
    assert on_lent.funded_by == housing
    first = housing.instalments.get(number=1)
    loans.repay(loan=housing, amount=str(first.total), day=first.due_on, key="to-codi", by=None)
    assert loans.paid_parts(housing)["principal"] == first.principal


def test_resending_the_last_repayment_after_the_loan_closed_replays_it(group, members):
    _funded(group, members)
    loan = _loan(group, members[0], principal="1000", term=1)
    row = loan.instalments.get()
    first = loans.repay(loan=loan, amount=str(row.total), day=row.due_on, key="last", by=None)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.CLOSED
    again = loans.repay(loan=loan, amount=str(row.total), day=row.due_on, key="last", by=None)
    assert again.replayed and again.transaction.pk == first.transaction.pk
    with pytest.raises(ValidationError):
        loans.repay(loan=loan, amount="1", day=row.due_on, key="new", by=None)


def test_many_groups_are_aged_together_as_each_alone(world, group, members):
    from mahalla.savings.testing import make_group

    other = make_group(world.lock_123, name_en="Other", members=["x", "y"])
    _funded(group, members)
    late = _loan(group, members[0])
    for n, member in enumerate(other.members.all()):
        operations.deposit(member=member, amount="5000", day=date(2025, 1, 1), key=f"o{n}",
                           by=None)  # fmt: skip
    _loan(other, other.members.first())
    day = date(2025, 5, 31)
    alone = {a.loan_id: a for g in (group, other) for a in arrears.loan_ages(g, day)}
    assert arrears.month_end_many([group, other], day) == 2
    assert arrears.month_end_many([group, other], day) == 0  # once a month
    assert loans.loan_position(late, day).penalty_due == (alone[late.pk].arrears / 100).quantize(
        Decimal("0.01")
    )
