"""The ledger's rules: balanced, idempotent, append-only, never negative, closed periods,
reversals, rebuildable balances and a hash chain that shows any change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mahalla.savings.models import Account, Entry, Transaction
from mahalla.savings.services import ledger, operations, periods
from mahalla.savings.services.ledger import KeyConflict, Leg, error_code
from mahalla.savings.tests.conftest import DAY

K = Account.Kind


def test_deposit_posts_balanced_entries_and_caches_the_balance(group, members, world):
    posted = operations.deposit(member=members[0], amount="100", day=DAY, key="k1",
                                by=world.treasurer)  # fmt: skip
    tx = posted.transaction
    assert not posted.replayed
    assert tx.seq == 1 and tx.prev_hash == "" and len(tx.hash) == 64
    assert sorted(e.amount for e in tx.entries.all()) == [Decimal(-100), Decimal(100)]
    assert operations.savings_balance(members[0]) == Decimal(100)
    assert ledger.balance_mismatches(group) == []
    assert tx.posted_by == world.treasurer


@pytest.mark.parametrize("typed", ["๑๐๐", "۱۰۰", "١٠٠", "1,000.50"])
def test_amounts_typed_in_thai_persian_and_arabic_digits(group, members, typed):
    operations.deposit(member=members[0], amount=typed, day=DAY, key="k", by=None)
    expected = Decimal("1000.50") if typed.startswith("1,") else Decimal(100)
    assert operations.savings_balance(members[0]) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [("-50", "amount"), ("۵۰٫۵۵۵", "places"), ("abc", "amount"), ("0", "amount"), ("NaN", None)],
)
def test_bad_amounts_are_refused_and_nothing_is_written(group, members, typed, code):
    with pytest.raises(ValidationError) as caught:
        operations.deposit(member=members[0], amount=typed, day=DAY, key="k", by=None)
    assert "amount" in caught.value.message_dict
    assert Transaction.objects.count() == 0 and Entry.objects.count() == 0


def test_baht_has_two_places_rial_none(world):
    from mahalla.savings.testing import make_group

    rial = make_group(world.moradabad, name_th="", name_fa="صندوق مرادآباد", currency="IRR")
    member = rial.members.first()
    with pytest.raises(ValidationError):
        operations.deposit(member=member, amount="100.5", day=DAY, key="k", by=None)
    operations.deposit(member=member, amount="۵۰۰٬۰۰۰", day=DAY, key="k", by=None)
    assert operations.savings_balance(member) == Decimal(500000)


def test_an_unbalanced_posting_is_refused(group, members):
    with pytest.raises(ValidationError) as caught:
        legs = [Leg(K.CASH, Decimal(100)), Leg(K.WELFARE_FUND, Decimal(-90))]
        ledger.post(group=group, kind="deposit", value_date=DAY, key="u", by=None, legs=legs)
    assert error_code(caught.value) == "unbalanced"
    assert not Transaction.objects.exists()


def test_same_key_same_request_replays_and_posts_once(group, members):
    first = operations.deposit(member=members[0], amount="100", day=DAY, key="same", by=None)
    again = operations.deposit(member=members[0], amount="๑๐๐", day=DAY, key="same", by=None)
    assert again.replayed and again.transaction.pk == first.transaction.pk
    assert operations.savings_balance(members[0]) == Decimal(100)
    assert Transaction.objects.count() == 1


def test_same_key_other_request_is_a_conflict(group, members):
    operations.deposit(member=members[0], amount="100", day=DAY, key="same", by=None)
    with pytest.raises(KeyConflict):
        operations.deposit(member=members[0], amount="200", day=DAY, key="same", by=None)
    assert operations.savings_balance(members[0]) == Decimal(100)


def test_savings_never_go_negative(group, members):
    operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)
    with pytest.raises(ValidationError) as caught:
        operations.withdraw(member=members[0], amount="150", day=DAY, key="w", by=None)
    assert error_code(caught.value) == "negative_savings"
    assert operations.savings_balance(members[0]) == Decimal(100)


def test_minimum_balance_is_kept(group, members):
    product = group.savings_products.get(kind="compulsory")
    product.minimum_balance = Decimal(50)
    product.save()
    operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)
    with pytest.raises(ValidationError) as caught:
        operations.withdraw(member=members[0], amount="60", day=DAY, key="w", by=None)
    assert error_code(caught.value) == "minimum_balance"
    operations.withdraw(member=members[0], amount="50", day=DAY, key="w2", by=None)
    assert operations.savings_balance(members[0]) == Decimal(50)


def test_reversal_mirrors_links_and_cannot_be_reversed(group, members):
    original = operations.deposit(member=members[0], amount="100", day=DAY, key="d", by=None)
    with pytest.raises(ValidationError):
        ledger.reverse(original=original.transaction, key="r", by=None, memo=" ", value_date=DAY)
    rev = ledger.reverse(original=original.transaction, key="r", by=None, memo="typed twice",
                         value_date=DAY)  # fmt: skip
    assert rev.transaction.reverses == original.transaction
    assert operations.savings_balance(members[0]) == 0
    with pytest.raises(ValidationError) as caught:
        ledger.reverse(original=rev.transaction, key="rr", by=None, memo="x", value_date=DAY)
    assert error_code(caught.value) == "reversal_of_reversal"
    with pytest.raises(ValidationError) as caught:
        ledger.reverse(original=original.transaction, key="r2", by=None, memo="x", value_date=DAY)
    assert error_code(caught.value) == "already_reversed"


def test_closed_period_refuses_postings_dated_in_it(group, members, world):
    operations.deposit(member=members[0], amount="100", day=date(2025, 1, 10), key="a", by=None)
    periods.period_close(group=group, through=date(2025, 1, 31), by=world.treasurer)
    with pytest.raises(ValidationError) as caught:
        operations.deposit(member=members[0], amount="5", day=date(2025, 1, 31), key="b", by=None)
    assert error_code(caught.value) == "closed_period"
    operations.deposit(member=members[0], amount="5", day=date(2025, 2, 1), key="c", by=None)
    with pytest.raises(ValidationError):
        periods.period_close(group=group, through=date(2025, 1, 15), by=None)


def test_cached_balance_is_rebuilt_and_chain_shows_tampering(group, members):
    for n in range(3):
        operations.deposit(member=members[n], amount="100", day=DAY, key=f"d{n}", by=None)
    assert ledger.chain_verify(group) is None
    Account.objects.filter(kind=K.CASH).update(balance=Decimal(1))
    assert len(ledger.balance_mismatches(group)) == 1
    assert ledger.balances_rebuild(group) == 1
    assert ledger.balance_mismatches(group) == []
    assert Account.objects.get(kind=K.CASH).balance == Decimal(300)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses the edit")
def test_an_edited_entry_breaks_the_chain_at_that_transaction(group, members):
    for n in range(3):
        operations.deposit(member=members[n], amount="100", day=DAY, key=f"d{n}", by=None)
    Entry.objects.filter(transaction__seq=2).update(amount=Decimal(1000) * 1)
    assert ledger.chain_verify(group) == 2


def test_sums_of_satang_stay_exact_on_every_database(group, members):
    # SQLite sums decimals as floats: 0.10 + 0.20 is 0.30000000000000004 there, which once
    # made balanced books look unbalanced to the nightly check.
    for n, amount in enumerate(["0.10", "0.20", "3048688.20", "0.01"]):
        operations.deposit(member=members[0], amount=amount, day=DAY, key=f"s{n}", by=None)
    assert ledger.balance_mismatches(group) == []
    assert ledger.unbalanced_transactions(group) == []
    assert operations.savings_balance(members[0]) == Decimal("3048688.51")
