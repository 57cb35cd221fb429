"""What the two savings benchmarks share: Django set up on the throwaway database with
DEBUG off, the communities the groups belong to, the ledger's invariants, and the CPU time
of a PostgreSQL backend (read from /proc: the server runs on this machine)."""

from __future__ import annotations

import os
import time
from decimal import Decimal

from bench_area_page import _django


def django_setup(database_url: str) -> None:
    """As the other Django benchmarks, but never with DEBUG on: Django would then keep
    every statement of every connection in memory (`connection.queries`), a cost the
    service does not have in production."""
    os.environ["DEBUG"] = "false"
    _django(database_url)


def communities(count: int) -> list:
    """`count` communities in one district of Bangkok, for the groups' organisations."""
    from mahalla.places.services import area_create, area_level_get_or_create

    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    district = area_level_get_or_create(code="district", rank=30, name_en="District")
    community = area_level_get_or_create(
        code="community", rank=50, name_en="Community", is_community=True
    )
    bangkok = area_create(level=province, code="10", name_en="Bangkok", name_th="กรุงเทพมหานคร")
    khlong_toei = area_create(level=district, parent=bangkok, code="1033", name_th="คลองเตย")
    return [
        area_create(level=community, parent=khlong_toei, code=f"KT-{n:03}", name_th=f"ชุมชน {n}")
        for n in range(count)
    ]


def invariants(groups: list, *, chain: bool = True) -> dict:
    """Every invariant of the books, asserted; what was checked and how long it took.

    Per group: no unbalanced transaction, and (with `chain`) the hash chain holds from the
    first transaction to the group's head. Over all accounts: no member's savings below
    nothing, and every cached balance equal to the sum of its entries."""
    from mahalla.savings.models import Account, Entry, Transaction
    from mahalla.savings.services import ledger

    start = time.perf_counter()
    unbalanced = {g.pk: ledger.unbalanced_transactions(g) for g in groups}
    unbalanced = {pk: txs for pk, txs in unbalanced.items() if txs}
    assert not unbalanced, f"unbalanced transactions: {unbalanced}"
    negative = Account.objects.filter(kind=Account.Kind.MEMBER_SAVINGS, balance__gt=0).count()
    assert negative == 0, f"{negative} members' savings are below nothing"
    mismatches = ledger.balance_mismatches()
    assert mismatches == [], f"{len(mismatches)} cached balances differ: {mismatches[:5]}"
    checked = time.perf_counter() - start
    broken = {}
    if chain:
        for group in groups:
            seq = ledger.chain_verify(group)
            if seq is not None:
                broken[group.pk] = seq
        assert not broken, f"hash chains broken at (group: seq) {broken}"
    return {
        "groups": len(groups),
        "transactions": Transaction.objects.count(),
        "entries": Entry.objects.count(),
        "accounts": Account.objects.count(),
        "sums_seconds": checked,
        "chain_seconds": time.perf_counter() - start - checked if chain else None,
        "savings_total": str(
            -sum(
                Account.objects.filter(kind=Account.Kind.MEMBER_SAVINGS).values_list(
                    "balance", flat=True
                ),
                Decimal(0),
            )
        ),
    }


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User and system CPU seconds used so far by process `pid` (0 when unreadable)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def own_cpu() -> float:
    times = os.times()
    return times.user + times.system
