"""The savings month end (`arrears.month_end`: ageing and penalties) of 100 groups holding
100,000 member loans, against one set-based SQL statement ageing all of them.

PostgreSQL only (a throwaway `mahalla_bench_<random>` database, found as for `assign`,
migrated, dropped at the end). Builds 100 savings groups (`savings.testing.make_group`,
one community each) and, in bulk (`bulk_create` for members and loans, COPY for the rest),
`BENCH_LOANS` (100,000) members each with one loan of the group's member loan product
(5,000 to 50,000 baht, 12 monthly instalments on the declining balance at 12 % a year,
1 % a month on what is overdue after 7 days of grace), paid out between 10 and 355 days
before the month end (30 June 2025), with its 12 instalments (the service's own
`schedule.schedule`). The ledger holds what the services would have posted, balanced and
hash-chained (`ledger.chain_hash`, seq from 1, the group's `last_seq`/`last_hash` its head):
each member's savings deposit of the loan's amount before it, the payout, and the
repayments (one or two per loan, split into interest and principal instalment by
instalment). About 15 % of the loans with an instalment due are 1 to 3 instalments
behind (some with part of the next one paid), another 15 % have paid part of the next
instalment ahead, the rest exactly what fell due.

Measured: `arrears.month_end(group, day)` for each of the 100 groups in turn, each in its
own transaction as the month-end job runs it (ageing by `AGES_SQL`, penalties computed per
product, one penalty posting per group through `ledger.post`), timed once (a second run is a
resend: it charges nothing), against the same `AGES_SQL` without its group filters: one
statement ageing all 100,000 loans, executed and fetched, best of 2 (before the month end).
Target ≤ 2×.

Checked: the service's ages (arrears, outstanding principal, penalty due, oldest unpaid
instalment, days late) are the baseline's, loan by loan, and both are what the data was
built with; the loans charged are the late ones past the grace; after the month end the
baseline's penalty due of each loan is the penalty the product charges; every group's
transactions balance, no savings are below nothing, every cached balance equals its
entries, and every group's hash chain holds (`BENCH_CHAIN=0` skips the chains).

For information, where a month end's time goes: the month end of the first five groups
under Django's query capture before the timed run, rolled back (the tables it wrote then
vacuumed, untimed), with its costliest statements; and a group's month end in the timed
run, on average for the first ten groups and for the last ten (each group's penalty
accounts, once committed, are seen by the next groups' ageing). `BENCH_LOANS=5000` for a
quick run.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from child import child_main, run_child  # noqa: E402
from common import Result, best_of  # noqa: E402
from savings_data import communities, django_setup, invariants  # noqa: E402

LOANS = int(os.environ.get("BENCH_LOANS", "100000"))
CHAIN = os.environ.get("BENCH_CHAIN", "1") != "0"
GROUPS = int(os.environ.get("BENCH_GROUPS", "100"))  # fewer for a quick run of the same shape
DAY = date(2025, 6, 30)
TERM = 12
LATE, AHEAD, SPLIT = 0.15, 0.15, 0.5
REPEATS = 2
PROFILED_GROUPS = 5
CENT = Decimal("0.01")
ZERO = Decimal(0)

TX_COLUMNS = (
    "group_id, seq, kind, value_date, posted_at, posted_by_id, meeting_id, device, memo, "
    "member_id, loan_id, idempotency_key, request_hash, reverses_id, prev_hash, hash"
)


def all_groups_sql() -> str:
    """`arrears.AGES_SQL` without its group filters: every group's loans at once."""
    from mahalla.savings.services.arrears import AGES_SQL

    filters = {"t.group_id = %(group)s AND ": 1, "l.group_id = %(group)s AND ": 2}
    # The account joins name the group too: across all groups, the group of the row joined.
    sql = (
        AGES_SQL.replace("a.group_id = %(group)s\n", "a.group_id = t.group_id\n", 1)
        .replace("AND a.group_id = %(group)s", "AND a.group_id = l.group_id")
        .replace("AND pd.group_id = %(group)s", "AND pd.group_id = l.group_id")
    )
    for text, count in filters.items():
        assert sql.count(text) == count, f"AGES_SQL changed: {text!r} found {sql.count(text)}×"
        sql = sql.replace(text, "")
    assert "%(group)s" not in sql
    return sql


def _age(day: date, due: Decimal, paid: Decimal, oldest, outstanding, penalty) -> tuple:
    """An age as `arrears.loan_ages` reads a row (arrears, outstanding, penalty due,
    oldest unpaid, days late)."""
    return (
        max(Decimal(0), Decimal(due) - Decimal(paid)),
        Decimal(outstanding).quantize(CENT),
        Decimal(penalty).quantize(CENT),
        oldest,
        (day - oldest).days if oldest else 0,
    )


def _schedules(product) -> dict:
    """A 12-month schedule's amounts per principal (they do not depend on the date)."""
    from mahalla.savings.services import schedule

    cache = {}

    def amounts(principal: Decimal) -> list[tuple[Decimal, Decimal, Decimal]]:
        if principal not in cache:
            rows = schedule.schedule(
                principal=principal, term_months=TERM, start=date(2025, 1, 1),
                method=product.interest_method, annual_rate=product.annual_interest_rate,
                instalments=product.instalments, grace_months=product.grace_months,
                fee_percent=product.fee_percent, places=2,
            )  # fmt: skip
            cache[principal] = [(r.principal, r.interest, r.fee) for r in rows]
        return cache[principal]

    return amounts


class _Group:
    """One group's ledger being written: legs per transaction, balances per account."""

    def __init__(self, group) -> None:
        self.group = group
        self.postings: list[tuple] = []  # (date, order, n, kind, member, loan, key, legs)
        self.accounts: dict[str, list] = {
            "cash": ["cash", None, None, None, Decimal(0)],
            "interest_income": ["interest_income", None, None, None, Decimal(0)],
        }

    def post(self, day, order, kind, member, loan, key, legs) -> None:
        self.postings.append((day, order, len(self.postings), kind, member, loan, key, legs))
        for account, amount in legs:
            self.accounts[account][4] += amount


def _paid_portions(rng, schedule, k: int) -> tuple[list, int]:
    """What the borrower paid: a list of (instalment number, interest, principal) in
    order, and how many of the due instalments it covers fully."""
    roll = rng.random()
    partial = Decimal(0)
    if k >= 1 and roll < LATE:
        full = k - rng.randint(1, min(3, k))
        if rng.random() < 0.5:
            partial = Decimal(rng.uniform(0.05, 0.9))
    elif roll < LATE + AHEAD and k < TERM:
        full = k
        partial = Decimal(rng.uniform(0.1, 0.9))
    else:
        full = k
    portions = [(n + 1, interest, principal) for n, (principal, interest, _fee)
                in enumerate(schedule[:full])]  # fmt: skip
    if partial:
        principal, interest, fee = schedule[full]
        amount = ((principal + interest + fee) * partial).quantize(CENT)
        if amount > 0:
            part_interest = min(amount, interest)
            portions.append((full + 1, part_interest, amount - part_interest))
    return portions, full


def _loans_of(rng, state: _Group, members, product, savings_product, amounts, expected):
    """Each member's deposit, loan and repayments; the loans are written by the caller."""
    from mahalla.savings.models import Loan
    from mahalla.savings.services.schedule import add_months

    loans = []
    for member in members:
        principal = Decimal(rng.randint(5, 50) * 1000)
        paid_out = DAY - timedelta(days=rng.randint(10, 355))
        loans.append(
            Loan(group=state.group, product=product, member=member, principal=principal,
                 term_months=TERM, status=Loan.Status.DISBURSED,
                 applied_on=paid_out - timedelta(days=7),
                 decided_at=datetime.combine(paid_out, clock_time(9), tzinfo=UTC),
                 approvers="คณะกรรมการ", disbursed_on=paid_out)
        )  # fmt: skip
    Loan.objects.bulk_create(loans, batch_size=2000)
    instalments = []
    for loan, member in zip(loans, members, strict=True):
        schedule = amounts(loan.principal)
        due_on = [add_months(loan.disbursed_on, n) for n in range(1, TERM + 1)]
        instalments.extend(
            (loan.pk, n + 1, due_on[n], p, i, f) for n, (p, i, f) in enumerate(schedule)
        )
        savings = f"savings:{member.pk}:{savings_product.pk}"
        state.accounts[savings] = ["member_savings", member.pk, savings_product.pk, None, ZERO]
        state.accounts[f"loan:{loan.pk}"] = ["loan", None, None, loan.pk, ZERO]
        deposit = [("cash", loan.principal), (savings, -loan.principal)]
        payout = [(f"loan:{loan.pk}", loan.principal), ("cash", -loan.principal)]
        day = loan.disbursed_on
        state.post(
            day - timedelta(days=20), 0, "deposit", member.pk, None, f"in-{member.pk}", deposit
        )
        state.post(day, 1, "disbursement", member.pk, loan.pk, f"out-{loan.pk}", payout)
        k = sum(day <= DAY for day in due_on)
        portions, full = _paid_portions(rng, schedule, k)
        batches = [portions] if portions else []
        if full >= 2 and rng.random() < SPLIT:
            batches = [portions[: full // 2], portions[full // 2 :]]
        for n, batch in enumerate(batches):
            interest = sum((i for _n, i, _p in batch), Decimal(0))
            principal = sum((p for _n, _i, p in batch), Decimal(0))
            legs = [("cash", interest + principal), (f"loan:{loan.pk}", -principal),
                    ("interest_income", -interest)]  # fmt: skip
            day = min(DAY, due_on[batch[-1][0] - 1])
            state.post(day, 2, "repayment", member.pk, loan.pk, f"repay-{loan.pk}-{n}",
                       [leg for leg in legs if leg[1]])  # fmt: skip
        # What the ageing must find, computed here from the schedule and the payments.
        paid = sum((i + p for _n, i, p in portions), Decimal(0))
        principal_paid = sum((p for _n, _i, p in portions), Decimal(0))
        totals = [p + i + f for p, i, f in schedule]
        running, due, oldest = Decimal(0), Decimal(0), None
        for n, total in enumerate(totals):
            if due_on[n] > DAY:
                break
            running += total
            due = running
            if oldest is None and running > paid:
                oldest = due_on[n]
        expected[loan.pk] = _age(DAY, due, paid, oldest, loan.principal - principal_paid, 0)
    return instalments


def _write(cursor, state: _Group, instalments) -> int:
    """COPY one group's instalments, accounts, transactions (chained) and entries."""
    from mahalla.savings.services.ledger import chain_hash, request_hash

    group = state.group
    with cursor.cursor.copy(
        "COPY savings_instalment (loan_id, number, due_on, principal, interest, fee) FROM STDIN"
    ) as copy:
        for row in instalments:
            copy.write_row(row)
    with cursor.cursor.copy(
        "COPY savings_account (group_id, kind, key, currency, member_id, product_id, loan_id, "
        "balance) FROM STDIN"
    ) as copy:
        for key, (kind, member, product, loan, balance) in state.accounts.items():
            copy.write_row((group.pk, kind, key, group.currency, member, product, loan, balance))
    cursor.execute("SELECT key, id FROM savings_account WHERE group_id = %s", [group.pk])
    account_ids = dict(cursor.fetchall())
    prev, legs_of = "", {}
    with cursor.cursor.copy(f"COPY savings_transaction ({TX_COLUMNS}) FROM STDIN") as copy:  # noqa: S608
        for seq, (day, _o, _n, kind, member, loan, key, legs) in enumerate(
            sorted(state.postings), start=1
        ):
            described = {"kind": kind, "date": day.isoformat(),
                         "legs": sorted([k, str(a)] for k, a in legs)}  # fmt: skip
            tx = SimpleNamespace(
                group_id=group.pk, seq=seq, prev_hash=prev, kind=kind, value_date=day,
                posted_at=datetime.combine(day, clock_time(10), tzinfo=UTC), posted_by_id=None,
                meeting_id=None, device="", memo="", member_id=member, loan_id=loan,
                idempotency_key=key, request_hash=request_hash(described), reverses_id=None,
            )  # fmt: skip
            tx.hash = chain_hash(tx, legs)
            copy.write_row(
                (group.pk, seq, kind, day, tx.posted_at, None, None, "", "", member, loan, key,
                 tx.request_hash, None, prev, tx.hash)
            )  # fmt: skip
            legs_of[seq] = legs
            prev = tx.hash
    cursor.execute("SELECT seq, id FROM savings_transaction WHERE group_id = %s", [group.pk])
    tx_ids = dict(cursor.fetchall())
    with cursor.cursor.copy(
        "COPY savings_entry (transaction_id, account_id, currency, amount) FROM STDIN"
    ) as copy:
        for seq, legs in legs_of.items():
            for key, amount in legs:
                copy.write_row((tx_ids[seq], account_ids[key], group.currency, amount))
    cursor.execute(
        "UPDATE savings_savingsgroup SET last_seq = %s, last_hash = %s WHERE id = %s",
        [len(legs_of), prev, group.pk],
    )
    return len(legs_of)


def _build() -> dict:
    from django.db import connection, transaction

    from mahalla.savings.models import SavingsMember
    from mahalla.savings.testing import make_group, member_loan_product

    rng = random.Random(20261205)
    groups = [make_group(area, name_th=f"กลุ่มออมทรัพย์ชุมชน {n}", members=())
              for n, area in enumerate(communities(GROUPS))]  # fmt: skip
    expected: dict[int, tuple] = {}
    transactions = 0
    for n, group in enumerate(groups):
        size = LOANS // GROUPS + (n < LOANS % GROUPS)
        product = member_loan_product(group)
        savings_product = group.savings_products.get(kind="compulsory")
        with transaction.atomic(), connection.cursor() as cursor:
            members = SavingsMember.objects.bulk_create(
                [SavingsMember(group=group, number=m + 1, name=f"สมาชิก {n}-{m + 1}",
                               joined_on=date(2024, 1, 1)) for m in range(size)],
                batch_size=2000,
            )  # fmt: skip
            state = _Group(group)
            instalments = _loans_of(rng, state, members, product, savings_product,
                                    _schedules(product), expected)  # fmt: skip
            transactions += _write(cursor, state, instalments)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"expected": expected, "transactions": transactions}


def _statement(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", " ".join(sql.split()))
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\(\?(, \?)*\)(, \(\?(, \?)*\))*", "(…)", sql)
    if sql.startswith("WITH paid AS"):
        return "AGES_SQL (one group)"
    return sql[:110]


def _profile(groups, user) -> dict:
    """The month end of a few groups under Django's query capture, rolled back, and the
    tables it wrote vacuumed (untimed) so that the timed run starts from the same state."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from mahalla.savings.services import arrears

    by_statement: dict[str, list] = {}
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        charged = sum(arrears.month_end(g, DAY, by=user)[1] for g in groups)
        # What the commit would check: the deferred balance trigger and foreign keys.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    if os.environ.get("BENCH_PROFILE"):  # where the month end's Python time goes, to stderr
        import cProfile
        import pstats

        with transaction.atomic():
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [arrears.month_end(g, DAY, by=user) for g in groups])
            transaction.set_rollback(True)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(60)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM savings_account, savings_transaction, savings_entry, savings_savingsgroup"
        )
    for query in queries.captured_queries:
        slot = by_statement.setdefault(_statement(query["sql"]), [0, 0.0])
        slot[0] += 1
        slot[1] += float(query["time"])
    return {
        "groups": len(groups),
        "charged": charged,
        "seconds": elapsed,
        "statements": len(queries.captured_queries),
        "sql_seconds": sum(float(q["time"]) for q in queries.captured_queries),
        "costliest": sorted(
            ((sql, n, seconds) for sql, (n, seconds) in by_statement.items()),
            key=lambda item: -item[2],
        )[:8],
    }


def _measure(label: str) -> dict:
    from django.db import connection

    from mahalla.people.models import User
    from mahalla.savings.models import Loan, SavingsGroup
    from mahalla.savings.services import arrears

    start = time.perf_counter()
    data = _build()
    built = time.perf_counter() - start
    expected = data["expected"]
    user = User.objects.create_user("treasurer", "treasurer@example.org", password=None)
    groups = list(SavingsGroup.objects.order_by("pk"))
    assert Loan.objects.filter(status=Loan.Status.DISBURSED).count() == LOANS
    sql = all_groups_sql()

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(sql, {"day": DAY})
            return cursor.fetchall()

    def ages_of(rows) -> dict:
        return {
            loan: _age(DAY, due, paid, oldest, outstanding, penalty)
            for loan, _product, due, paid, oldest, outstanding, penalty in rows
        }

    baseline_time, rows = best_of(REPEATS, baseline)
    baseline_ages = ages_of(rows)
    # Where a month end's time goes: a few groups' month end under query capture, rolled
    # back (then the tables it wrote are vacuumed, so the timed run starts from the same
    # state).
    profile = _profile(groups[:PROFILED_GROUPS], user)

    # Untimed: each group's ages read by the service's per-group statement (the group
    # page's), as the month end finds them (before its penalties).
    service_ages, per_group = {}, []
    for group in groups:
        begin = time.perf_counter()
        ages = arrears.loan_ages(group, DAY)
        per_group.append(time.perf_counter() - begin)
        service_ages.update(
            (a.loan_id, (a.arrears, a.outstanding, a.penalty_due, a.oldest_unpaid, a.days_late))
            for a in ages
        )
    # Timed: the nightly job's month end, every group's loans aged in one statement, then
    # each group's penalties posted.
    start = time.perf_counter()
    charged = arrears.month_end_many(groups, DAY, by=user)
    service_time = time.perf_counter() - start

    # The ages: the service's are the baseline's, and both are what the data holds.
    assert len(service_ages) == LOANS, len(service_ages)
    differ = [pk for pk in expected if service_ages.get(pk) != baseline_ages.get(pk)]
    assert not differ, f"{len(differ)} ages differ, e.g. {differ[0]}: " + (
        f"service {service_ages.get(differ[0])}, baseline {baseline_ages.get(differ[0])}"
    )
    wrong = [pk for pk in expected if service_ages[pk] != expected[pk]]
    assert not wrong, (
        f"{len(wrong)} ages are not what was built, e.g. {wrong[0]}: service "
        f"{service_ages[wrong[0]]}, built {expected[wrong[0]]}"
    )
    # The penalties: the late loans past the grace, 1 % of what is overdue.
    product = groups[0].loan_products.get(name="เงินกู้สามัญ")
    penalties = {
        pk: (arrears_ * product.penalty_percent / 100).quantize(CENT, ROUND_HALF_UP)
        for pk, (arrears_, _o, _p, _old, late) in expected.items()
        if arrears_ > 0 and late > product.penalty_grace_days
    }
    penalties = {pk: amount for pk, amount in penalties.items() if amount > 0}
    assert charged == len(penalties), (charged, len(penalties))
    after_time, after_rows = best_of(1, baseline)
    charged_due = {pk: age[2] for pk, age in ages_of(after_rows).items() if age[2]}
    assert charged_due == penalties, "the penalties due are not what the products charge"

    checked = invariants(groups, chain=CHAIN)
    late = sum(age[4] > 0 for age in expected.values())
    return {
        "database": label,
        "built": built,
        "groups": len(groups),
        "loans": LOANS,
        "late": late,
        "behind_30": sum(age[4] >= 30 for age in expected.values()),
        "charged": charged,
        "built_transactions": data["transactions"],
        "service": service_time,
        "baseline": baseline_time,
        "baseline_after": after_time,
        "first_groups": sum(per_group[:10]) / len(per_group[:10]),
        "last_groups": sum(per_group[-10:]) / len(per_group[-10:]),
        "profile": profile,
        "invariants": checked,
    }


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the savings_month_end benchmark: {figures['skipped']}")
        return []
    checked = figures["invariants"]
    print(
        f"   {figures['database']}: {figures['groups']} groups, {figures['loans']:,} loans paid "
        f"out ({figures['late']:,} late on {DAY}, {figures['behind_30']:,} by 30 days or more), "
        f"{figures['built_transactions']:,} transactions, built in {figures['built']:.0f} s"
    )
    profile = figures["profile"]
    print(
        f"   month end of the first {profile['groups']} groups (query capture, rolled back, "
        f"before the timed run): {profile['seconds']:.3f} s, {profile['charged']} loans "
        f"charged, {profile['statements']} statements, SQL {profile['sql_seconds']:.3f} s; "
        "costliest:"
    )
    for sql, n, seconds in profile["costliest"]:
        print(f"     {seconds:.3f} s  ×{n}  {sql}")
    chains = (
        f", hash chains hold ({checked['chain_seconds']:.0f} s)"
        if checked["chain_seconds"] is not None
        else " (chains not verified: BENCH_CHAIN=0)"
    )
    print(
        f"   checked: the service's ages are the baseline's and the built ones; "
        f"{figures['charged']:,} loans charged as the product says; every group balances"
        f"{chains}; no savings below nothing; {checked['accounts']:,} cached balances equal "
        f"their entries ({checked['transactions']:,} transactions, {checked['entries']:,} "
        "entries)"
    )
    print(
        f"   timed run: a group's month end took {figures['first_groups']:.3f} s on average "
        f"for the first 10 groups, {figures['last_groups']:.3f} s for the last 10"
    )
    return [
        Result(
            f"savings_month_end: arrears.month_end of {figures['groups']} groups, "
            f"{figures['loans']:,} loans (ageing + {figures['charged']:,} penalties posted), "
            "PostgreSQL",
            figures["service"],
            figures["baseline"],
            target=2.0,
            note="baseline: AGES_SQL without its group filters, one statement for every loan, "
            f"fetched (best of {REPEATS}; after the month end: {figures['baseline_after']:.3f} s); "
            "the month end timed once",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], django_setup, _measure)
    else:
        for item in run():
            print(item.line())
