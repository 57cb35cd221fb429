"""Posting to the ledger: the one way money moves in mahalla.

A posting names its legs by account (kind, member, product, loan) and amount, debits
positive. In one database transaction it locks the group's row (which orders the group's
postings, so the hash chain has one head and balance checks see every earlier posting),
answers a resend of the same idempotency key with the first posting, refuses the same key
with another request, refuses a date in a closed period, an unbalanced or mistyped amount
and savings that would go below zero, then writes the transaction, its entries and the
cached balances. PostgreSQL checks the same rules again itself (migration 0002).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.i18n.digits import format_number, parse_number
from mahalla.savings.models import Account, Entry, SavingsGroup, Transaction
from mahalla.savings.models.money import PLACES, exact


@dataclass(frozen=True)
class Leg:
    kind: str
    amount: Decimal
    member: Any = None
    product: Any = None
    loan: Any = None

    @property
    def key(self) -> str:
        if self.kind == Account.Kind.MEMBER_SAVINGS:
            return f"savings:{self.member.pk}:{self.product.pk}"
        if self.kind in (Account.Kind.LOAN, Account.Kind.PENALTY_DUE, Account.Kind.LENDER_LOAN):
            return f"{self.kind}:{self.loan.pk}"
        return str(self.kind)


@dataclass(frozen=True)
class Posted:
    transaction: Transaction
    replayed: bool  # True when this was a resend of an earlier posting


class KeyConflict(Exception):
    """The idempotency key was used for another request (HTTP 409)."""

    def __init__(self, existing: Transaction) -> None:
        super().__init__("idempotency key reused with a different request")
        self.existing = existing


def money(value: Any, currency: str, *, field: str = "amount") -> Decimal:
    """`value` as an amount of `currency`: a Decimal with no more places than it counts."""
    try:
        if isinstance(value, Decimal):
            amount = value
        elif isinstance(value, str):
            # Typed on a phone: Thai, Persian or Arabic-Indic digits and separators.
            amount = parse_number(value)
        else:
            amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {
                field: ValidationError(
                    _("“%(value)s” is not an amount.") % {"value": value}, code="amount"
                )
            }
        ) from None
    if not amount.is_finite():
        raise ValidationError({field: ValidationError(_("This is not an amount."), code="amount")})
    places = PLACES.get(currency, 2)
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(
            {
                field: ValidationError(
                    _("Amounts in %(currency)s have at most %(places)s decimal places.")
                    % {"currency": currency, "places": format_number(places)},
                    code="places",
                )
            }
        )
    return amount.quantize(Decimal(1).scaleb(-places))


def error_code(error: ValidationError) -> str | None:
    """The code of a ValidationError, whether it names a field or not."""
    if hasattr(error, "error_dict"):
        return next((e.code for errs in error.error_dict.values() for e in errs), None)
    if hasattr(error, "error_list") and len(error.error_list) > 1:
        return error.error_list[0].code
    return error.code


def request_hash(request: dict) -> str:
    text = json.dumps(request, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def chain_hash(tx: Transaction, entries: list[tuple[str, Decimal]]) -> str:
    """The hash of one transaction and its entries, chained to the one before it: any later
    change of an amount, account, date, author or order breaks every hash after it."""
    body = {
        "group": tx.group_id,
        "seq": tx.seq,
        "prev": tx.prev_hash,
        "kind": tx.kind,
        "date": tx.value_date.isoformat(),
        "posted_at": tx.posted_at.isoformat(),
        "by": tx.posted_by_id,
        "meeting": tx.meeting_id,
        "device": tx.device,
        "memo": tx.memo,
        "member": tx.member_id,
        "loan": tx.loan_id,
        "key": tx.idempotency_key,
        "request": tx.request_hash,
        "reverses": tx.reverses_id,
        "entries": sorted([key, f"{amount:.2f}"] for key, amount in entries),
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _accounts(group: SavingsGroup, legs: list[Leg]) -> dict[str, Account]:
    keys = {leg.key: leg for leg in legs}
    found = {
        a.key: a
        for a in Account.objects.select_for_update()
        .filter(group=group, key__in=keys)
        .order_by("pk")
    }
    missing = [
        Account(
            group=group,
            kind=leg.kind,
            key=key,
            currency=group.currency,
            member=leg.member if leg.kind == Account.Kind.MEMBER_SAVINGS else None,
            product=leg.product,
            loan=leg.loan,
        )
        for key, leg in keys.items()
        if key not in found
    ]
    if missing:
        # Under the group's lock no one else creates this group's accounts.
        Account.objects.bulk_create(missing, batch_size=1000)
        if connection.features.can_return_rows_from_bulk_insert:
            found.update((a.key, a) for a in missing)  # their ids came back with the insert
        else:
            created = Account.objects.filter(group=group, key__in=[m.key for m in missing])
            found.update((a.key, a) for a in created)
    return found


def _add_to_balances(moves: list[tuple[Account, Decimal]]) -> None:
    """Add each amount to its account's cached balance, in one statement whatever the number
    of legs. The balances are added to, not overwritten, in the database; the rows are
    locked, so the copies in memory are kept in step. (Django's `bulk_update` builds one
    CASE branch per row: for the month's penalties, about 120 legs, it cost more than the
    rest of the posting.)"""
    totals: dict[int, Decimal] = {}
    for account, amount in moves:
        totals[account.pk] = totals.get(account.pk, Decimal(0)) + amount
        account.balance += amount
    table = connection.ops.quote_name(Account._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS a SET balance = a.balance + v.amount "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::numeric[]) AS v(id, amount) WHERE a.id = v.id",
                [list(totals), list(totals.values())],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET balance = balance + %s WHERE id = %s",  # noqa: S608
                [(amount, pk) for pk, amount in totals.items()],
            )


def _check_period(group: SavingsGroup, value_date: date) -> None:
    if group.closed_through and value_date <= group.closed_through:
        from mahalla.core.i18n.calendars import format_date

        raise ValidationError(
            {
                "value_date": ValidationError(
                    _("The books are closed through %(day)s: nothing dated then can be posted.")
                    % {"day": format_date(group.closed_through)},
                    code="closed_period",
                )
            }
        )


def post(
    *,
    group: SavingsGroup,
    kind: str,
    value_date: date,
    legs: list[Leg],
    key: str,
    by: Any,
    request: dict | None = None,
    meeting: Any = None,
    device: str = "",
    memo: str = "",
    member: Any = None,
    loan: Any = None,
    reverses: Transaction | None = None,
    checks: Any = None,
) -> Posted:
    """Post one balanced transaction (see the module docstring). `checks(accounts)` runs
    under the locks before anything is written, for rules that read balances."""
    key = (key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError(_("Each entry needs a key of 1 to 64 characters."), code="key")
    legs = [
        Leg(leg.kind, money(leg.amount, group.currency), leg.member, leg.product, leg.loan)
        for leg in legs
    ]
    legs = [leg for leg in legs if leg.amount]
    if len(legs) < 2:
        raise ValidationError(_("A posting moves money between two accounts at least."))
    total = sum((leg.amount for leg in legs), Decimal(0))
    if total:
        raise ValidationError(
            _("The entries do not balance: they are off by %(amount)s.")
            % {"amount": format_number(total)},
            code="unbalanced",
        )
    described = (
        request
        if request is not None
        else {
            "kind": kind,
            "date": value_date.isoformat(),
            "legs": sorted([leg.key, str(leg.amount)] for leg in legs),
        }
    )
    digest = request_hash(described)
    try:
        with transaction.atomic():
            return _post_locked(
                group=group, kind=kind, value_date=value_date, legs=legs, key=key, by=by,
                digest=digest, meeting=meeting, device=device, memo=memo, member=member,
                loan=loan, reverses=reverses, checks=checks,
            )  # fmt: skip
    except IntegrityError:
        # Two requests with the same key raced past the lookup (only possible without the
        # group lock, e.g. on another database): the loser answers as a resend would.
        existing = Transaction.objects.filter(group=group, idempotency_key=key).first()
        if existing is None:
            raise
        if existing.request_hash != digest:
            raise KeyConflict(existing) from None
        return Posted(existing, replayed=True)


def _post_locked(*, group, kind, value_date, legs, key, by, digest, meeting, device, memo,
                 member, loan, reverses, checks) -> Posted:  # fmt: skip
    locked = SavingsGroup.objects.select_for_update().get(pk=group.pk)
    existing = Transaction.objects.filter(group=locked, idempotency_key=key).first()
    if existing is not None:
        if existing.request_hash != digest:
            raise KeyConflict(existing)
        return Posted(existing, replayed=True)
    _check_period(locked, value_date)
    accounts = _accounts(locked, legs)
    for leg in legs:
        account = accounts[leg.key]
        if account.kind == Account.Kind.MEMBER_SAVINGS and account.balance + leg.amount > 0:
            raise ValidationError(
                {
                    "amount": ValidationError(
                        _("Savings cannot go below nothing: %(name)s has %(balance)s.")
                        % {
                            "name": account.member.name,
                            "balance": format_number(-account.balance),
                        },
                        code="negative_savings",
                    )
                }
            )
    if checks is not None:
        checks(accounts)
    tx = Transaction(
        group=locked,
        seq=locked.last_seq + 1,
        kind=kind,
        value_date=value_date,
        posted_at=timezone.now(),
        posted_by=by if getattr(by, "pk", None) else None,
        meeting=meeting,
        device=device[:80],
        memo=memo[:300],
        member=member,
        loan=loan,
        idempotency_key=key,
        request_hash=digest,
        reverses=reverses,
        prev_hash=locked.last_hash,
    )
    pairs = [(leg.key, leg.amount) for leg in legs]
    tx.hash = chain_hash(tx, pairs)
    tx.save(force_insert=True)
    Entry.objects.bulk_create(
        (
            Entry(transaction=tx, account=accounts[k], currency=locked.currency, amount=amount)
            for k, amount in pairs
        ),
        batch_size=1000,
    )
    _add_to_balances([(accounts[k], amount) for k, amount in pairs])
    SavingsGroup.objects.filter(pk=locked.pk).update(last_seq=tx.seq, last_hash=tx.hash)
    return Posted(tx, replayed=False)


def reverse(*, original: Transaction, key: str, by: Any, memo: str, value_date: date) -> Posted:
    """Post the mirror of `original`, linked to it. A reversal is never reversed (post the
    entry again instead), and a transaction is reversed once."""
    if original.kind == Transaction.Kind.REVERSAL:
        raise ValidationError(
            _("A reversal cannot be reversed: post the original entry again instead."),
            code="reversal_of_reversal",
        )
    if Transaction.objects.filter(reverses=original).exists():
        raise ValidationError(_("This entry was already reversed."), code="already_reversed")
    if not memo.strip():
        raise ValidationError(
            {"memo": ValidationError(_("Say why the entry is reversed."), code="memo")}
        )
    legs = [
        Leg(e.account.kind, -e.amount, e.account.member, e.account.product, e.account.loan)
        for e in original.entries.select_related("account__member", "account__product",
                                                 "account__loan")
    ]  # fmt: skip
    return post(
        group=original.group,
        kind=Transaction.Kind.REVERSAL,
        value_date=value_date,
        legs=legs,
        key=key,
        by=by,
        request={"reverses": original.pk},
        memo=memo,
        member=original.member,
        loan=original.loan,
        reverses=original,
    )


# -- proving the books


def balance_mismatches(group: SavingsGroup | None = None) -> list[dict]:
    """Accounts whose cached balance differs from the sum of their entries."""
    accounts = Account.objects.all() if group is None else group.accounts.all()
    sums = accounts.annotate(total=Sum("entries__amount")).values("pk", "key", "kind", "group_id",
                                                                  "balance", "total")  # fmt: skip
    found = []
    for row in sums:
        row["total"] = exact(row["total"])
        if row["total"] != exact(row["balance"]):
            found.append(row)
    return found


def balances_rebuild(group: SavingsGroup) -> int:
    """Set every cached balance of `group` from its entries; the number corrected."""
    fixed = 0
    with transaction.atomic():
        SavingsGroup.objects.select_for_update().get(pk=group.pk)
        for row in balance_mismatches(group):
            Account.objects.filter(pk=row["pk"]).update(balance=row["total"])
            fixed += 1
    return fixed


def unbalanced_transactions(group: SavingsGroup) -> list[int]:
    """Numbers (seq) of the group's transactions whose entries do not sum to zero."""
    rows = (
        Entry.objects.filter(transaction__group=group)
        .values("transaction__seq", "currency")
        .annotate(total=Sum("amount"))
    )
    return sorted({row["transaction__seq"] for row in rows if exact(row["total"])})


def chain_verify(group: SavingsGroup) -> int | None:
    """The number of the first transaction whose hash does not match what it holds (or
    whose chain link is broken), None when the whole chain holds."""
    prev = ""
    expected_seq = 1
    txs = group.transactions.order_by("seq").prefetch_related("entries__account")
    for tx in txs.iterator(chunk_size=2000):
        pairs = [(e.account.key, e.amount) for e in tx.entries.all()]
        if tx.seq != expected_seq or tx.prev_hash != prev or chain_hash(tx, pairs) != tx.hash:
            return tx.seq
        prev = tx.hash
        expected_seq += 1
    head = SavingsGroup.objects.filter(pk=group.pk).values_list("last_hash", flat=True).first()
    if head != prev:
        return expected_seq
    return None
