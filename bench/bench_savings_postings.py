"""100,000 savings deposits and loan repayments posted by 8 concurrent tellers through the
ledger service, against plain INSERTs of the same rows from 8 connections.

PostgreSQL only (a throwaway `mahalla_bench_<random>` database, found as for `assign`,
migrated, dropped at the end). Builds through the services, untimed: 40 savings groups of
40 members (`savings.testing.make_group`, one community each), an opening deposit of
50,000 baht per member, and 20 loans per group (60,000 baht over 12 months on the
declining balance, applied, approved and paid out with `loans.apply/decide/disburse`).
Then 8 tellers (processes forked after the build, each with its own database connection)
post `BENCH_POSTINGS` (100,000) postings between them, each teller its own list in date
order (February to June 2025): 70 % `operations.deposit` (50 to 1,000 baht, a random
member), 30 % `loans.repay` (100 to 500 baht, a random loan: first what is overdue, then
principal early). Teller n works on its own 5 groups, except one posting in ten which goes
to any of the 40 groups (contention on the group's lock with the teller of that group).

Baseline: the same rows written by plain INSERTs from 8 connections (psycopg, one
process per teller): the rows the service wrote (transactions and entries, same values,
same count) are read back, the two tables emptied (TRUNCATE) and the build's own rows put
back, untimed; then each connection inserts its teller's postings in the same order, one
database transaction per posting (`INSERT … RETURNING id` of the transaction, one
multi-row `INSERT` of its entries, as `Entry.objects.bulk_create` does, COMMIT), into the
same tables with the same indexes, foreign keys and triggers (the closed-period check,
the deferred balance check at commit). What the baseline does not do is what the service
adds: the group's lock, the idempotency lookup, the accounts read and locked, the loan's
position read for a repayment's allocation, the cached balances and the chain's head
updated. Both timed once (each run writes its 100,000 postings; a rerun would be a
resend), each after `VACUUM ANALYZE`, from the moment the 8 processes are released
together to the last one finishing.

Checked after the service's run: every group's transactions balance
(`ledger.unbalanced_transactions`), no member's savings are below nothing, every cached
balance equals the sum of its entries (`ledger.balance_mismatches()`), every group's hash
chain holds (`ledger.chain_verify`), and the number of postings is the number asked for.
After the baseline's run, the same counts, balances and sums (it wrote the same rows).

Also printed, for information: CPU seconds of the 8 clients and of their 8 PostgreSQL
backends in each run (read from /proc), and, from a single-process sample of 200 deposits
and 200 repayments posted before the timed run (Django's query capture), the statements per
posting and where their time goes. `BENCH_POSTINGS=5000` for a quick run.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import sys
import threading
import time
import traceback
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from child import child_main, run_child  # noqa: E402
from common import Result  # noqa: E402
from savings_data import (  # noqa: E402
    communities,
    django_setup,
    invariants,
    own_cpu,
    process_cpu,
)

POSTINGS = int(os.environ.get("BENCH_POSTINGS", "100000"))
TELLERS = 8
GROUPS = 40
MEMBERS = 40
LOANS_PER_GROUP = 20
OWN_GROUPS = GROUPS // TELLERS
OWN_SHARE = 0.9  # the rest goes to any group
DEPOSIT_SHARE = 0.7
OPENING = Decimal(50_000)
PRINCIPAL = Decimal(60_000)
DISBURSED = date(2025, 1, 5)
FIRST_DAY, DAYS = date(2025, 2, 1), 150
SAMPLE = 200  # of each kind, for the statements' profile
TIMEOUT = 3600

TX_COLUMNS = (
    "group_id, seq, kind, value_date, posted_at, posted_by_id, meeting_id, device, memo, "
    "member_id, loan_id, idempotency_key, request_hash, reverses_id, prev_hash, hash"
)
INSERT_TX = (
    f"INSERT INTO savings_transaction ({TX_COLUMNS}) "  # noqa: S608 - constants only
    f"VALUES ({', '.join(['%s'] * 16)}) RETURNING id"
)
TIMED_KEY = re.compile(r"^t(\d+)-(\d+)$")


def _entries_sql(count: int) -> str:
    values = ", ".join(["(%s, %s, %s, %s)"] * count)
    columns = "savings_entry (transaction_id, account_id, currency, amount)"
    return f"INSERT INTO {columns} VALUES {values}"  # noqa: S608 - placeholders only


def _build() -> dict:
    """The groups, their members' opening deposits and their loans, through the services."""
    from django.contrib.auth.hashers import make_password

    from mahalla.people.models import User
    from mahalla.savings.services import loans, operations
    from mahalla.savings.testing import make_group, member_loan_product

    areas = communities(GROUPS)
    password = make_password("bench-only")
    users = User.objects.bulk_create(
        [User(username=f"teller{n}", email=f"teller{n}@example.org", password=password)
         for n in range(TELLERS)]
    )  # fmt: skip
    groups, members, loans_of = [], {}, {}
    for n, area in enumerate(areas):
        group = make_group(
            area, name_th=f"กลุ่มออมทรัพย์ชุมชน {n}", members=[f"สมาชิก {n}-{m}" for m in range(MEMBERS)]
        )
        teller = users[n // OWN_GROUPS]
        groups.append(group)
        people = list(group.members.order_by("number"))
        members[group.pk] = [m.pk for m in people]
        for m in people:
            operations.deposit(
                member=m, amount=OPENING, day=DISBURSED - timedelta(days=4), key=f"open-{m.pk}",
                by=teller,
            )  # fmt: skip
        product = member_loan_product(group)
        loans_of[group.pk] = []
        for m in people[:LOANS_PER_GROUP]:
            loan = loans.apply(
                group=group, member=m, product=product, principal=PRINCIPAL, term_months=12,
                applied_on=DISBURSED - timedelta(days=3),
            )  # fmt: skip
            loans.decide(loan=loan, approve=True, by=teller, approvers="คณะกรรมการ")
            loans.disburse(loan=loan, day=DISBURSED, key=f"out-{loan.pk}", by=teller)
            loans_of[group.pk].append(loan.pk)
    return {"groups": groups, "members": members, "loans": loans_of, "users": users}


def _plan(groups: list[int], members: dict, loans_of: dict) -> list[list[tuple]]:
    """Each teller's postings in date order: (kind, member or loan id, amount, day, key)."""
    rng = random.Random(20261204)
    plans = []
    for t in range(TELLERS):
        size = POSTINGS // TELLERS + (t < POSTINGS % TELLERS)
        own = groups[t * OWN_GROUPS : (t + 1) * OWN_GROUPS]
        items = []
        for i in range(size):
            group = rng.choice(own) if rng.random() < OWN_SHARE else rng.choice(groups)
            day = FIRST_DAY + timedelta(days=i * DAYS // size)
            if rng.random() < DEPOSIT_SHARE:
                amount = Decimal(rng.randint(5, 100) * 10)
                items.append(("deposit", rng.choice(members[group]), amount, day, f"t{t}-{i}"))
            else:
                amount = Decimal(rng.randint(10, 50) * 10)
                items.append(("repay", rng.choice(loans_of[group]), amount, day, f"t{t}-{i}"))
        plans.append(items)
    return plans


def _post_all(plan, user, members, loans_by_pk) -> None:
    from mahalla.savings.services import loans, operations

    for kind, pk, amount, day, key in plan:
        if kind == "deposit":
            operations.deposit(member=members[pk], amount=amount, day=day, key=key, by=user)
        else:
            loans.repay(loan=loans_by_pk[pk], amount=amount, day=day, key=key, by=user)


def _objects(plan):
    """The members and loans a teller posts to, loaded once (as a long-lived worker would
    keep them); every posting still reads what it needs of the ledger itself."""
    from mahalla.savings.models import Loan, SavingsMember

    member_ids = {pk for kind, pk, *_ in plan if kind == "deposit"}
    loan_ids = {pk for kind, pk, *_ in plan if kind == "repay"}
    members = SavingsMember.objects.select_related("group").in_bulk(member_ids)
    loans_by_pk = Loan.objects.select_related("group", "product").in_bulk(loan_ids)
    return members, loans_by_pk


def _service_teller(t, plan, user_id, barrier, results) -> None:
    """One teller: posts its list through the services on its own connection."""
    from django.db import connection, connections

    from mahalla.people.models import User

    try:
        user = User.objects.get(pk=user_id)
        members, loans_by_pk = _objects(plan)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        barrier.wait(timeout=TIMEOUT)
        cpu, db_cpu, start = own_cpu(), process_cpu(backend), time.perf_counter()
        _post_all(plan, user, members, loans_by_pk)
        results.put(
            {"teller": t, "seconds": time.perf_counter() - start, "cpu": own_cpu() - cpu,
             "db_cpu": process_cpu(backend) - db_cpu, "postings": len(plan)}
        )  # fmt: skip
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put({"teller": t, "error": traceback.format_exc()})
        barrier.abort()
    finally:
        connections.close_all()


def _baseline_teller(t, rows, params, barrier, results) -> None:
    """One connection inserting its teller's rows, one database transaction per posting."""
    import psycopg

    try:
        with psycopg.connect(**params, autocommit=True) as connection:
            backend = connection.info.backend_pid
            cursor = connection.cursor()
            barrier.wait(timeout=TIMEOUT)
            cpu, db_cpu, start = own_cpu(), process_cpu(backend), time.perf_counter()
            for tx, entries in rows:
                with connection.transaction():
                    cursor.execute(INSERT_TX, tx)
                    (tx_id,) = cursor.fetchone()
                    cursor.execute(
                        _entries_sql(len(entries)),
                        [value for entry in entries for value in (tx_id, *entry)],
                    )
            results.put(
                {"teller": t, "seconds": time.perf_counter() - start, "cpu": own_cpu() - cpu,
                 "db_cpu": process_cpu(backend) - db_cpu, "postings": len(rows)}
            )  # fmt: skip
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put({"teller": t, "error": traceback.format_exc()})
        barrier.abort()


def _concurrently(target, work: list, extra) -> dict:
    """Fork one process per teller, release them together, wait for the last; the wall
    time from the release to the last report, and the reports."""
    import multiprocessing

    from django.db import connections

    context = multiprocessing.get_context("fork")
    connections.close_all()  # no connection is shared with the children
    barrier = context.Barrier(TELLERS + 1)
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(t, work[t], extra[t], barrier, results))
        for t in range(TELLERS)
    ]
    for process in processes:
        process.start()
    # A child that failed before the start breaks the barrier; its report says why.
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait(timeout=TIMEOUT)
    start = time.perf_counter()
    reports = [results.get(timeout=TIMEOUT) for _ in processes]
    wall = time.perf_counter() - start
    for process in processes:
        process.join()
    errors = [r["error"] for r in reports if "error" in r]
    if errors:
        raise RuntimeError(f"{len(errors)} teller(s) failed; the first:\n{errors[0]}")
    return {
        "wall": wall,
        "postings": sum(r["postings"] for r in reports),
        "slowest_teller": max(r["seconds"] for r in reports),
        "fastest_teller": min(r["seconds"] for r in reports),
        "client_cpu": sum(r["cpu"] for r in reports),
        "db_cpu": sum(r["db_cpu"] for r in reports),
    }


def _statement(sql: str) -> str:
    """A statement with its values taken out, for grouping the profile."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", " ".join(sql.split()))
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\(\?(, \?)*\)(, \(\?(, \?)*\))*", "(…)", sql)
    sql = re.sub(r"IN \(…\)", "IN (…)", sql)
    return sql[:110]


def _profile(data: dict, plan_of) -> dict:
    """Single-process sample under Django's query capture: statements per posting of
    each kind, the time in SQL (as the client sees it) and the costliest statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for kind, items in plan_of.items():
        members, loans_by_pk = _objects(items)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            _post_all(items, data["users"][0], members, loans_by_pk)
            elapsed = time.perf_counter() - start
        by_statement: dict[str, list] = {}
        for query in queries.captured_queries:
            slot = by_statement.setdefault(_statement(query["sql"]), [0, 0.0])
            slot[0] += 1
            slot[1] += float(query["time"])
        costliest = sorted(by_statement.items(), key=lambda item: -item[1][1])[:8]
        out[kind] = {
            "postings": len(items),
            "seconds": elapsed,
            "statements": len(queries.captured_queries),
            "sql_seconds": sum(float(q["time"]) for q in queries.captured_queries),
            "costliest": [(sql, n, seconds) for sql, (n, seconds) in costliest],
        }
    return out


def _sample(data: dict) -> dict:
    rng = random.Random(7)
    groups = [g.pk for g in data["groups"]]
    day = FIRST_DAY - timedelta(days=1)
    deposits = [("deposit", rng.choice(data["members"][rng.choice(groups)]), Decimal(100), day,
                 f"p-d{i}") for i in range(SAMPLE)]  # fmt: skip
    repayments = [("repay", rng.choice(data["loans"][rng.choice(groups)]), Decimal(100), day,
                   f"p-r{i}") for i in range(SAMPLE)]  # fmt: skip
    return {"deposit": deposits, "repay": repayments}


def _rows_written() -> tuple[list, dict]:
    """Every transaction and entry in the tables: the build's rows (to put back) and, per
    teller, the timed rows in the order they were posted."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {TX_COLUMNS} FROM savings_transaction ORDER BY id")  # noqa: S608
        transactions = cursor.fetchall()
        cursor.execute(
            "SELECT transaction_id, account_id, currency, amount FROM savings_entry ORDER BY id"
        )
        entries: dict[int, list] = {}
        for tx_id, *entry in cursor.fetchall():
            entries.setdefault(tx_id, []).append(tuple(entry))
    kept, timed = [], {t: [] for t in range(TELLERS)}
    for tx_id, *tx in transactions:
        match = TIMED_KEY.match(tx[11])
        if match:
            timed[int(match[1])].append((int(match[2]), tuple(tx), entries[tx_id]))
        else:
            kept.append(((tx_id, *tx), entries[tx_id]))
    for t in timed:
        timed[t] = [(tx, e) for _i, tx, e in sorted(timed[t], key=lambda item: item[0])]
    return kept, timed


def _restart_with(kept: list) -> None:
    """Empty the ledger's two tables and put the build's rows back (COPY), untimed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE savings_entry, savings_transaction")
        with cursor.cursor.copy(
            f"COPY savings_transaction (id, {TX_COLUMNS}) FROM STDIN"  # noqa: S608
        ) as copy:
            for tx, _entries in kept:
                copy.write_row(tx)
        with cursor.cursor.copy(
            "COPY savings_entry (transaction_id, account_id, currency, amount) FROM STDIN"
        ) as copy:
            for tx, entries in kept:
                for entry in entries:
                    copy.write_row((tx[0], *entry))


def _vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _connection_params() -> dict:
    from django.db import connection

    params = connection.get_connection_params()
    return {k: params[k] for k in ("dbname", "host", "port", "user", "password") if params.get(k)}


def _measure(label: str) -> dict:
    from mahalla.savings.models import Entry, Transaction

    start = time.perf_counter()
    data = _build()
    built = time.perf_counter() - start
    group_ids = [g.pk for g in data["groups"]]
    profile = _profile(data, _sample(data))
    plans = _plan(group_ids, data["members"], data["loans"])
    before = {"transactions": Transaction.objects.count(), "entries": Entry.objects.count()}
    _vacuum()

    users = [u.pk for u in data["users"]]
    service = _concurrently(_service_teller, plans, users)
    after = invariants(data["groups"])
    written = after["transactions"] - before["transactions"]
    entries = after["entries"] - before["entries"]
    assert written == POSTINGS, f"{written:,} postings written, {POSTINGS:,} asked for"

    kept, timed = _rows_written()
    assert sum(len(rows) for rows in timed.values()) == POSTINGS
    _restart_with(kept)
    _vacuum()
    params = _connection_params()
    baseline = _concurrently(_baseline_teller, timed, [params] * TELLERS)
    replayed = invariants(data["groups"], chain=False)
    for key in ("transactions", "entries", "accounts", "savings_total"):
        assert replayed[key] == after[key], (key, replayed[key], after[key])
    return {
        "database": label,
        "built": built,
        "groups": GROUPS,
        "members": GROUPS * MEMBERS,
        "loans": GROUPS * LOANS_PER_GROUP,
        "postings": POSTINGS,
        "entries": entries,
        "deposits": sum(kind == "deposit" for plan in plans for kind, *_ in plan),
        "service": service,
        "baseline": baseline,
        "invariants": after,
        "profile": profile,
    }


def _cpu_line(label: str, run: dict) -> str:
    return (
        f"   {label}: {run['wall']:.1f} s wall, {run['postings'] / run['wall']:,.0f} postings/s; "
        f"CPU: clients {run['client_cpu']:.1f} s, their PostgreSQL backends "
        f"{run['db_cpu']:.1f} s; tellers finished between {run['fastest_teller']:.1f} s "
        f"and {run['slowest_teller']:.1f} s"
    )


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the savings_postings benchmark: {figures['skipped']}")
        return []
    checked = figures["invariants"]
    print(
        f"   {figures['database']}: {figures['groups']} groups, {figures['members']:,} members, "
        f"{figures['loans']} loans paid out, built through the services in "
        f"{figures['built']:.0f} s; {figures['postings']:,} postings "
        f"({figures['deposits']:,} deposits, {figures['postings'] - figures['deposits']:,} "
        f"repayments) with {figures['entries']:,} entries, by {TELLERS} tellers"
    )
    for kind, sample in figures["profile"].items():
        per = sample["postings"]
        print(
            f"   one process, {per} × {kind}: {1000 * sample['seconds'] / per:.2f} ms a "
            f"posting, {sample['statements'] / per:.1f} statements, SQL (as the client "
            f"waits for it) {1000 * sample['sql_seconds'] / per:.2f} ms; costliest:"
        )
        for sql, n, seconds in sample["costliest"]:
            print(f"     {1000 * seconds / per:6.3f} ms  ×{n / per:.1f}  {sql}")
    print(_cpu_line("service", figures["service"]))
    print(_cpu_line("baseline", figures["baseline"]))
    print(
        f"   checked: {checked['groups']} groups balance and their hash chains hold "
        f"({checked['chain_seconds']:.0f} s), no savings below nothing, "
        f"{checked['accounts']:,} cached balances equal their entries "
        f"({checked['transactions']:,} transactions, {checked['entries']:,} entries); the "
        "baseline's tables hold the same counts, balances and sums"
    )
    service, baseline = figures["service"], figures["baseline"]
    return [
        Result(
            f"savings_postings: {figures['postings']:,} deposits and repayments through the "
            f"ledger service, {TELLERS} concurrent tellers, {figures['groups']} groups, "
            "PostgreSQL",
            service["wall"],
            baseline["wall"],
            target=2.0,
            note="baseline: plain INSERTs of the same transactions and entries from "
            f"{TELLERS} connections, one database transaction per posting; each timed once",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], django_setup, _measure)
    else:
        for item in run():
            print(item.line())
