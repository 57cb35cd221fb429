"""Objects the permission matrix (tests/test_permission_matrix.py) needs for the savings
URLs: the Lock 1-2-3 savings group (in Khlong Toei, where the treasurer works) with a
deposit, an open meeting, a disbursed loan and a waiting application. Each helper may be
called several times in one test (once per persona): it makes its objects once."""

from __future__ import annotations

from datetime import date
from typing import Any

from mahalla.savings.models import GroupMeeting, Loan, SavingsGroup, SavingsMember, Transaction
from mahalla.savings.services import loans, meetings, operations
from mahalla.savings.testing import make_group, member_loan_product

GROUP_NAME = "Matrix savings group"
DAY = date(2025, 1, 15)


def group(world) -> SavingsGroup:
    found = SavingsGroup.objects.filter(organisation__name_en=GROUP_NAME).first()
    if found is not None:
        return found
    made = make_group(world.lock_123, name_en=GROUP_NAME)
    for n, member in enumerate(made.members.all()):
        operations.deposit(member=member, amount="5000", day=DAY, key=f"m{n}", by=None)
    loan = loans.apply(group=made, member=made.members.first(),
                       product=member_loan_product(made), principal="3000", term_months=6,
                       applied_on=DAY)  # fmt: skip
    loans.decide(loan=loan, approve=True, by=None, approvers="chair")
    loans.disburse(loan=loan, day=DAY, key="out", by=None)
    loans.apply(group=made, member=made.members.last(), product=member_loan_product(made),
                principal="1000", term_months=6, applied_on=DAY)  # fmt: skip
    meetings.meeting_open(group=made, held_on=date(2025, 2, 15), by=None)
    return made


def kt_group(world) -> dict[str, Any]:
    return {"pk": group(world).pk}


def kt_member(world) -> dict[str, Any]:
    return {"pk": group(world).members.first().pk}


def kt_meeting(world) -> dict[str, Any]:
    return {"pk": group(world).meetings.get(status="open").pk}


def kt_entry(world) -> dict[str, Any]:
    return {**kt_meeting(world), "key": "matrix-entry"}


def kt_loan(world) -> dict[str, Any]:
    return {"pk": group(world).loans.get(status=Loan.Status.DISBURSED).pk}


def kt_application(world) -> dict[str, Any]:
    return {"pk": group(world).loans.get(status=Loan.Status.APPLIED).pk}


def kt_transaction(world) -> dict[str, Any]:
    return {"pk": group(world).transactions.order_by("seq").first().pk}


def with_group(world) -> dict[str, Any]:
    group(world)
    return {}


def entry_data(world) -> dict[str, Any]:
    return {"type": "deposit", "member": group(world).members.first().pk, "amount": "100"}


def committee_data(world) -> dict[str, Any]:
    return {"member": group(world).members.first().pk, "role": "chair", "starts_on": "2025-01-01"}


def books(world) -> tuple:
    from mahalla.savings.models import CommitteeTerm

    g = group(world)
    return (
        CommitteeTerm.objects.filter(member__group=g).count(),
        Transaction.objects.filter(group=g).count(),
        SavingsMember.objects.filter(group=g).count(),
        tuple(g.loans.values_list("status", flat=True).order_by("pk")),
        tuple(GroupMeeting.objects.filter(group=g).values_list("status", flat=True)),
        SavingsGroup.objects.get(pk=g.pk).closed_through,
        g.loans.count(),
    )
