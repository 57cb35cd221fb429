"""What PostgreSQL itself refuses, whatever the code path: updates and deletes of posted
entries, an unbalanced transaction, a posting in a closed period; and what concurrent
tellers cannot break."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, connections, transaction

from mahalla.savings.models import Account, Entry, SavingsGroup, Transaction
from mahalla.savings.services import ledger, operations
from mahalla.savings.services.ledger import error_code
from mahalla.savings.tests.conftest import DAY

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database's own rules are PostgreSQL's"
)


def _deposit(group, members):
    return operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE savings_entry SET amount = amount * 2",
        "DELETE FROM savings_entry",
        "UPDATE savings_transaction SET memo = 'changed'",
        "DELETE FROM savings_transaction",
    ],
)
def test_direct_sql_cannot_change_or_delete_posted_entries(group, members, sql):
    _deposit(group, members)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Entry.objects.count() == 2


def test_database_refuses_an_unbalanced_transaction(group, members):
    tx = _deposit(group, members).transaction
    cash = Account.objects.get(kind="cash")
    with pytest.raises(DatabaseError, match="does not balance"), transaction.atomic():
        Entry.objects.create(transaction=tx, account=cash, currency="THB", amount=Decimal(5))
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Entry.objects.count() == 2


def test_database_refuses_a_posting_in_a_closed_period(group, members):
    SavingsGroup.objects.filter(pk=group.pk).update(closed_through=DAY)
    with pytest.raises(DatabaseError, match="closed"), transaction.atomic():
        Transaction.objects.create(group=group, seq=1, kind="deposit", value_date=DAY,
                                   idempotency_key="x", request_hash="x", hash="x")  # fmt: skip


def _in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(n):
        try:
            barrier.wait()
            results.append(work(n))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_eight_tellers_withdrawing_at_once_never_go_negative(world):
    from mahalla.savings.testing import make_group

    group = make_group(world.lock_123)
    member = group.members.first()
    operations.deposit(member=member, amount="500", day=DAY, key="d", by=None)
    results, errors = _in_threads(
        8,
        lambda n: operations.withdraw(
            member=member, amount="100", day=DAY, key=f"w{n}", by=None
        ),  # fmt: skip
    )
    assert len(results) == 5 and len(errors) == 3
    assert all(error_code(e) == "negative_savings" for e in errors)
    assert operations.savings_balance(member) == 0
    assert ledger.balance_mismatches(group) == []
    assert ledger.chain_verify(group) is None


@pytest.mark.django_db(transaction=True)
def test_same_key_posted_twice_at_once_posts_once(world):
    from mahalla.savings.testing import make_group

    group = make_group(world.lock_123)
    member = group.members.first()
    results, errors = _in_threads(
        8,
        lambda n: operations.deposit(
            member=member, amount="100", day=DAY, key="one", by=None
        ),  # fmt: skip
    )
    assert errors == []
    assert sum(not r.replayed for r in results) == 1
    assert len({r.transaction.pk for r in results}) == 1
    assert operations.savings_balance(member) == Decimal(100)


@pytest.mark.django_db(transaction=True)
def test_two_tellers_repaying_one_loan_at_once_never_pay_the_same_interest_twice(world):
    from mahalla.savings.services import loans
    from mahalla.savings.testing import make_group, member_loan_product

    group = make_group(world.lock_123)
    member = group.members.first()
    operations.deposit(member=member, amount="5000", day=DAY, key="d", by=None)
    loan = loans.apply(group=group, member=member, product=member_loan_product(group),
                       principal="3000", term_months=3, applied_on=DAY)  # fmt: skip
    loans.decide(loan=loan, approve=True, by=None, approvers="chair")
    loans.disburse(loan=loan, day=DAY, key="out", by=None)
    first = loan.instalments.get(number=1)
    results, errors = _in_threads(
        2,
        lambda n: loans.repay(
            loan=loan, amount=str(first.total), day=first.due_on, key=f"r{n}", by=None
        ),  # fmt: skip
    )
    assert errors == [] and len(results) == 2
    paid = loans.paid_parts(loan)
    assert paid["interest"] == first.interest  # the second went to principal, early
    assert paid["principal"] + paid["interest"] == 2 * first.total
    assert ledger.balance_mismatches(group) == []
