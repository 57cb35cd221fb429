"""The governance app's daily escalation job over 100,000 open resolutions, against one SQL
query selecting the same overdue set; and an organisation's tracker page with 10,000.

PostgreSQL only (a throwaway `mahalla_bench_<random>` database, found as for `assign`,
dropped at the end). Builds, in bulk (`bulk_create`, and COPY for the resolutions and their
responsible organisations), one area tree (a programme, Bangkok and Tehran, three districts
each), two work calendars (Iran: weekend "5", Asia/Tehran; Thailand: "6,7", Asia/Bangkok)
with their fixed holidays, one body type, `BENCH_ESCALATION_BODIES` (500) bodies half of
which have a parent body (on the same calendar), each with a chair and a secretary who have
an account (1,000 users, one precomputed password hash), a meeting per body (two in five
without minutes), 50 organisations each with a focal point (`RoleGrant` focal_point),
`BENCH_ESCALATION_RESOLUTIONS` (100,000) open resolutions ("open"/"in_progress") with 1–2
responsible organisations and deadlines around today (30 % overdue, a quarter past
`escalate_on`; 10 % in the reminder window; `remind_on` = deadline − 3 days, `escalate_on` =
deadline + 7 days; `ladder_at` = the decision date, at the latest a day before the build),
and a fifth as many done or cancelled ones. One organisation is responsible for exactly 10,000
resolutions, another for exactly 10. Then measures:

- `escalate(today, email=False)` on the fresh data with no finished `EscalationRun` before
  it (every reached step is new: reminders, overdue, parent, the minutes reminders, one
  digest per person), each run in a transaction that is rolled back after its foreign keys
  are checked (`SET CONSTRAINTS ALL IMMEDIATE`: Django defers them to the commit), so each
  repeat is again a first run, against one raw SQL query selecting the ids of the same
  overdue set (open, deadline before today), fetched; best of 3, in turn; target ≤ 2×.
  Before each timed call (untimed) the written tables are vacuumed, so no run steps over
  the dead rows of the one rolled back before it. Checked: the job's overdue total is the
  query's row count, its counts are those the data was built with, and the digests add up
  to them (two officers per body, one focal point per organisation);
- for information, the same job against the bare SQL of its grouped queries, written by
  hand (per calendar: the per-body and the per-organisation counts), fetched; and one
  more run under Django's query capture, whose SQL time is printed by part of the job;
- a second run the same day, after a first one was committed and analysed (nothing new to
  announce), against the same baseline figure: information; checked: it announces nothing
  and changes none of the day's digests;
- the organisation tracker page (Django's test client, a superuser, in Thai) of the
  organisation with 10,000 resolutions: its number of queries against the page of the one
  with 10 (target 1×, the same count whatever the size); and its time against a bare
  `SELECT … LIMIT 25` of the same page of rows (information).

`BENCH_ESCALATION_RESOLUTIONS=5000` for a quick run.
"""

from __future__ import annotations

import os
import random
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from bench_area_page import _django  # noqa: E402
from child import child_main, run_child  # noqa: E402
from common import Result, best_of, best_of_alternating  # noqa: E402

RESOLUTIONS = int(os.environ.get("BENCH_ESCALATION_RESOLUTIONS", "100000"))
BODIES = int(os.environ.get("BENCH_ESCALATION_BODIES", "500"))
CLOSED = RESOLUTIONS // 5
ORGANISATIONS = 50
BIG = min(10_000, (RESOLUTIONS + CLOSED) // 4)  # the tracker's large organisation
SMALL = 10
REPEATS = 3
PAGE_REPEATS = 9
PAGE = 25  # the tracker's page size (governance.views.common.PAGE_SIZE)
LANGUAGE = "th"
REMIND_BEFORE, ESCALATE_AFTER = 3, 7  # days: remind_on and escalate_on around the deadline

# The floor of the job: the ids of the open resolutions past their deadline, fetched (on a
# first run every one of them is newly overdue).
OVERDUE_SQL = """
    SELECT id FROM governance_resolution
    WHERE status IN ('open', 'in_progress') AND deadline < %s
"""
# The database's share of a first run, for information: the job's two grouped queries per
# calendar (`_per_body`, `_per_organisation`), written by hand, with no previous run.
PER_BODY_SQL = """
    SELECT r.body_id, b.parent_id, count(*) AS overdue,
           count(*) FILTER (WHERE r.escalate_on <= %(today)s AND b.parent_id IS NOT NULL)
    FROM governance_resolution r JOIN governance_body b ON b.id = r.body_id
    WHERE r.status IN ('open', 'in_progress') AND b.calendar_id = %(calendar)s
      AND r.deadline < %(today)s
    GROUP BY r.body_id, b.parent_id
"""
PER_ORGANISATION_SQL = """
    SELECT t.organisation_id, count(*)
    FROM governance_resolution_responsible t
    JOIN governance_resolution r ON r.id = t.resolution_id
    JOIN governance_body b ON b.id = r.body_id
    WHERE r.status IN ('open', 'in_progress') AND b.calendar_id = %(calendar)s
      AND r.remind_on <= %(today)s AND r.deadline >= %(today)s
    GROUP BY t.organisation_id
"""
# The floor of the tracker's rows: one page of the organisation's resolutions in the page's
# order, with the body's names the table shows.
TRACKER_SQL = f"""
    SELECT r.id, r.number, r.text, r.deadline, r.status, b.name_en, b.name_th, b.name_fa
    FROM governance_resolution r JOIN governance_body b ON b.id = r.body_id
    WHERE r.id IN (SELECT resolution_id FROM governance_resolution_responsible
                   WHERE organisation_id = %s)
    ORDER BY r.deadline, r.id
    LIMIT {PAGE}
"""  # noqa: S608 - a constant


def _areas():
    from mahalla.places.services import area_create, area_level_get_or_create

    region = area_level_get_or_create(code="programme", rank=5, name_en="Programme")
    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    district = area_level_get_or_create(code="district", rank=30, name_en="District")
    root = area_create(level=region, code="P", name_en="Programme")
    bangkok = area_create(level=province, parent=root, code="10", name_en="Bangkok",
                          name_th="กรุงเทพมหานคร")  # fmt: skip
    tehran = area_create(level=province, parent=root, code="IR-23", name_en="Tehran",
                         name_fa="تهران")  # fmt: skip
    thai = [area_create(level=district, parent=bangkok, code=f"10{n}", name_th=name)
            for n, name in enumerate(("คลองเตย", "ปทุมวัน", "บางรัก"))]  # fmt: skip
    iran = [area_create(level=district, parent=tehran, code=f"23{n}", name_fa=name)
            for n, name in enumerate(("منطقه ۱۲", "منطقه ۱۵", "منطقه ۱۹"))]  # fmt: skip
    return thai, iran


# Holidays on fixed dates (month, day, name): Thailand's, and Iran's fixed Solar Hijri ones
# on the Gregorian dates they fall on in most years.
THAI_HOLIDAYS = [(1, 1, "New Year's Day"), (4, 6, "Chakri Day"), (4, 13, "Songkran"),
                 (4, 14, "Songkran"), (4, 15, "Songkran"), (5, 4, "Coronation Day"),
                 (7, 28, "King's Birthday"), (8, 12, "Mother's Day"),
                 (10, 23, "Chulalongkorn Day"), (12, 5, "Father's Day"),
                 (12, 10, "Constitution Day"), (12, 31, "New Year's Eve")]  # fmt: skip
IRAN_HOLIDAYS = [(3, 21, "Nowruz"), (3, 22, "Nowruz"), (3, 23, "Nowruz"), (3, 24, "Nowruz"),
                 (4, 1, "Islamic Republic Day"), (4, 2, "Nature Day"),
                 (6, 4, "Death of Imam Khomeini"), (6, 5, "Uprising of 15 Khordad"),
                 (2, 11, "Victory of the Revolution"),
                 (3, 19, "Nationalisation of the oil industry")]  # fmt: skip


def _calendars(today: date):
    from mahalla.governance.models import Holiday, WorkCalendar

    iran = WorkCalendar.objects.create(
        code="iran", name_en="Iran", name_fa="ایران", weekend="5", time_zone="Asia/Tehran"
    )
    thailand = WorkCalendar.objects.create(
        code="thailand", name_en="Thailand", name_th="ไทย", weekend="6,7",
        time_zone="Asia/Bangkok",
    )  # fmt: skip
    Holiday.objects.bulk_create(
        [
            Holiday(calendar=calendar, date=date(year, month, day), name_en=name)
            for year in (today.year - 1, today.year, today.year + 1)
            for calendar, days in ((thailand, THAI_HOLIDAYS), (iran, IRAN_HOLIDAYS))
            for month, day, name in days
        ]
    )
    return iran, thailand


def _build(today: date) -> dict:
    """Everything in bulk; returns the objects and the counts the job must find."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from mahalla.governance.models import Body, BodyType, Meeting, Membership
    from mahalla.people.models import Organisation, RoleGrant, User
    from mahalla.people.roles import Role

    rng = random.Random(20261202)
    now = timezone.now()
    with transaction.atomic():
        thai_areas, iran_areas = _areas()
        iran, thailand = _calendars(today)
        body_type = BodyType.objects.create(
            code="county_steering_council", name_en="County steering council",
            reminder_days=REMIND_BEFORE, escalate_after_days=5,
        )  # fmt: skip
        kinds = list(Organisation.Kind.values)
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    kind=kinds[n % len(kinds)],
                    name_en=f"Agency {n}",
                    name_th=f"หน่วยงาน {n}",
                    name_fa=f"سازمان {n}",
                )
                for n in range(ORGANISATIONS)
            ],
        )
        big, small, regular = organisations[0], organisations[1], organisations[2:]
        password = make_password("bench-only")  # one hash for every account
        users = User.objects.bulk_create(
            [
                User(
                    username=f"officer{n}",
                    email=f"officer{n}@example.org",
                    password=password,
                    language=("th", "fa")[n % 2],
                )
                for n in range(2 * BODIES)
            ]
            + [
                User(username=f"focal{n}", email=f"focal{n}@example.org", password=password)
                for n in range(ORGANISATIONS)
            ],
            batch_size=1000,
        )
        officers, focal_users = users[: 2 * BODIES], users[2 * BODIES :]
        RoleGrant.objects.bulk_create(
            [
                RoleGrant(user=user, role=Role.FOCAL_POINT, organisation=org)
                for user, org in zip(focal_users, organisations, strict=True)
            ]
        )

        def body(n: int, parent=None) -> Body:
            calendar = (iran, thailand)[n % 2]
            area = (iran_areas, thai_areas)[n % 2][n % 3]
            name = {"name_fa": f"شورای {n}"} if calendar is iran else {"name_th": f"สภา {n}"}
            return Body(body_type=body_type, area=area, calendar=calendar, parent=parent,
                        name_en=f"Council {n}", **name)  # fmt: skip

        tops = Body.objects.bulk_create([body(n) for n in range(BODIES // 2)])
        # Half the bodies report to a parent on the same calendar (n and its parent agree on n % 2).
        children = Body.objects.bulk_create(
            [
                body(n, parent=tops[(n - BODIES // 2) % len(tops)])
                for n in range(BODIES // 2, BODIES)
            ]
        )
        bodies = tops + children
        assert all(c.calendar_id == c.parent.calendar_id for c in children)
        Membership.objects.bulk_create(
            [
                Membership(
                    body=b,
                    user=officers[2 * i + k],
                    person_name=officers[2 * i + k].username,
                    role=role,
                    term_start=today - timedelta(days=365),
                )
                for i, b in enumerate(bodies)
                for k, role in enumerate((Membership.Role.CHAIR, Membership.Role.SECRETARY))
            ],
            batch_size=1000,
        )
        Meeting.objects.bulk_create(
            [
                Meeting(
                    body=b,
                    starts_at=now - timedelta(days=4 + i % 7),
                    status="held",
                    minutes="" if i % 5 < 2 else "Minutes.",
                )
                for i, b in enumerate(bodies)
            ],
        )

        # The resolutions: open ones with deadlines around today, then closed ones.
        expected = {"reminders": 0, "overdue": 0, "parent": 0, "minutes": 0}
        expected["minutes"] = sum(i % 5 < 2 for i in range(len(bodies)))  # all ≥ 4 days ago
        has_parent = {b.pk: b.parent_id is not None for b in bodies}
        numbers = dict.fromkeys(has_parent, 0)
        rows, in_reminder_window = [], []
        ladder_latest = now - timedelta(days=1)
        for n in range(RESOLUTIONS + CLOSED):
            b = bodies[rng.randrange(len(bodies))].pk
            numbers[b] += 1
            if n < RESOLUTIONS:
                status = "open" if rng.random() < 0.7 else "in_progress"
                roll = rng.random()
                if roll < 0.30:
                    offset = -rng.randint(1, 40)  # overdue; past escalate_on from −7
                elif roll < 0.40:
                    offset = rng.randint(0, REMIND_BEFORE)  # in the reminder window
                else:
                    offset = rng.randint(REMIND_BEFORE + 1, 120)
            else:
                status = "done" if rng.random() < 0.8 else "cancelled"
                offset = rng.randint(-200, 60)
            deadline = today + timedelta(days=offset)
            remind_on = deadline - timedelta(days=REMIND_BEFORE)
            escalate_on = deadline + timedelta(days=ESCALATE_AFTER)
            is_open = status in ("open", "in_progress")
            in_reminder_window.append(is_open and remind_on <= today <= deadline)
            if is_open:
                expected["overdue"] += deadline < today
                expected["parent"] += deadline < today and escalate_on <= today and has_parent[b]
            done_on = deadline + timedelta(days=rng.randint(-20, 10)) if status == "done" else None
            decided_on = deadline - timedelta(days=rng.randint(14, 90))
            # The ladder counts from the decision, and never from later than a day before
            # the build: long before any run, as for rows written in the past.
            ladder_at = min(datetime.combine(decided_on, time(), tzinfo=UTC), ladder_latest)
            rows.append(
                (b, numbers[b], f"ปรับปรุงทางเดินและท่อระบายน้ำ ชุมชนที่ {n % 997} / بند {n}",
                 decided_on, deadline, "", remind_on, escalate_on, status, done_on, ladder_at,
                 1, now)
            )  # fmt: skip
        with connection.cursor() as cursor:
            copy = (
                "COPY governance_resolution (body_id, number, text, decided_on, deadline, "
                "period_unit, remind_on, escalate_on, status, done_on, ladder_at, version, "
                "created_at) FROM STDIN"
            )
            with cursor.cursor.copy(copy) as copying:
                for row in rows:
                    copying.write_row(row)
            cursor.execute("SELECT body_id, number, id FROM governance_resolution")
            ids = {(b, number): pk for b, number, pk in cursor.fetchall()}
            resolution_ids = [ids[row[0], row[1]] for row in rows]
            chosen = rng.sample(range(len(rows)), BIG + SMALL)
            special = dict.fromkeys(chosen[:BIG], big.pk) | dict.fromkeys(chosen[BIG:], small.pk)
            links = []
            for n, pk in enumerate(resolution_ids):
                first = regular[rng.randrange(len(regular))].pk
                links.append((pk, first))
                if n in special:
                    links.append((pk, special[n]))
                elif rng.random() < 0.5:
                    second = regular[rng.randrange(len(regular))].pk
                    if second != first:
                        links.append((pk, second))
            copy = (
                "COPY governance_resolution_responsible (resolution_id, organisation_id) FROM STDIN"
            )
            with cursor.cursor.copy(copy) as copying:
                for link in links:
                    copying.write_row(link)
    # The job counts reminders per organisation through the responsible table, so a
    # resolution with two responsible organisations counts twice: the expected figure is
    # the number of that table's rows whose resolution is in its reminder window.
    in_window = {pk for pk, flag in zip(resolution_ids, in_reminder_window, strict=True) if flag}
    expected["reminders"] = sum(pk in in_window for pk, _org in links)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "big": big,
        "small": small,
        "expected": expected,
        "links": len(links),
        "people": len(officers) + len(focal_users),
    }


def _check_constraints_now() -> None:
    """The foreign keys are checked at commit (Django makes them deferred), and a run that is
    rolled back would never pay for them: asking for them now counts them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _vacuum() -> None:
    """Untimed, before each timed run: a rolled-back run leaves its rows behind as dead
    tuples (its run, its ~1,000 digests, its meetings' reminder marks), which the next run
    would have to step over (a committed job leaves them to autovacuum)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM governance_escalationrun, governance_notice, governance_meeting")


def _job_rolled_back(today: date, inspect=None) -> dict:
    """One run of the job in a transaction that is rolled back: every run sees one state
    (before the steady state's committed run: no finished run, every step new)."""
    from django.db import transaction

    from mahalla.governance.services.escalation import escalate

    with transaction.atomic():
        totals = escalate(today, email=False)
        _check_constraints_now()
        if inspect is not None:
            inspect(totals)
        transaction.set_rollback(True)
    return totals


def _grouped_sql(today: date) -> dict[str, int]:
    """The job's grouped queries alone, by hand-written SQL, per calendar as the job runs
    them, fetched; their totals."""
    from django.db import connection

    from mahalla.governance.models import WorkCalendar

    found = {"reminders": 0, "overdue": 0, "parent": 0}
    calendars = list(WorkCalendar.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for calendar in calendars:
            cursor.execute(PER_BODY_SQL, {"today": today, "calendar": calendar})
            for _body, _parent, overdue, parent in cursor.fetchall():
                found["overdue"] += overdue
                found["parent"] += parent
            cursor.execute(PER_ORGANISATION_SQL, {"today": today, "calendar": calendar})
            found["reminders"] += sum(n for _org, n in cursor.fetchall())
    return found


def _digests(today: date) -> dict[int, dict]:
    from mahalla.governance.models import Notice

    key = f"digest:{today.isoformat()}"
    return {n.user_id: n.params for n in Notice.objects.filter(key=key)}


def _kind(sql: str) -> str:
    """Which part of the job a statement belongs to, for the breakdown."""
    if "governance_resolution_responsible" in sql:
        return "per organisation"
    if "governance_resolution" in sql and "GROUP BY" in sql:
        return "per body"
    if "governance_meeting" in sql:
        return "minutes"
    if "governance_membership" in sql or "people_rolegrant" in sql:
        return "recipients"
    if "governance_notice" in sql:
        return "digests"
    if "governance_escalationrun" in sql:
        return "run"
    if sql.startswith("SET CONSTRAINTS"):
        return "foreign keys"
    return "other"


def _captured(today: date) -> tuple[float, dict[str, float], list[tuple[float, str]]]:
    """One rolled-back run with its statements' times: the run's time, the SQL time by part
    of the job, and the statements slowest first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _vacuum()
    with CaptureQueriesContext(connection) as queries:
        begin = clock.perf_counter()
        _job_rolled_back(today)
        elapsed = clock.perf_counter() - begin
    breakdown: dict[str, float] = {}
    for query in queries.captured_queries:
        kind = _kind(query["sql"])
        breakdown[kind] = breakdown.get(kind, 0) + float(query["time"])
    statements = sorted(
        ((float(q["time"]), " ".join(q["sql"].split())) for q in queries.captured_queries),
        reverse=True,
    )
    return elapsed, breakdown, statements


def _measure(label: str) -> dict:
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from mahalla.governance.models import EscalationRun
    from mahalla.governance.services.escalation import escalate
    from mahalla.people.models import User

    today = timezone.now().date()
    start = clock.perf_counter()
    data = _build(today)
    built = clock.perf_counter() - start
    expected = data["expected"]
    assert not EscalationRun.objects.exists()

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(OVERDUE_SQL, [today])
            return cursor.fetchall()

    # Checked once, untimed (and warming): the job announces exactly what the data holds,
    # and the digests add up to it (a chair and a secretary per body, one focal point per
    # organisation).
    summed = {}

    def check(totals):
        parts = {"reminders": 0, "overdue": 0, "parent": 0, "minutes": 0}
        for params in _digests(today).values():
            for part, n in params["counts"].items():
                parts[part] += n
        summed.update(parts)

    _vacuum()
    totals = checked_totals = _job_rolled_back(today, check)
    floor_rows = floor()
    found = {step: totals[step] for step in expected}
    if found != expected or len(floor_rows) != expected["overdue"]:
        raise AssertionError(
            f"the job found {found}, the data holds {expected}, the query selects "
            f"{len(floor_rows):,} overdue"
        )
    digested = {
        "reminders": expected["reminders"],
        "overdue": 2 * expected["overdue"],
        "parent": 2 * expected["parent"],
        "minutes": expected["minutes"],
    }
    if summed != digested:
        raise AssertionError(f"the digests hold {summed}, expected {digested}")
    if EscalationRun.objects.exists():
        raise AssertionError("a rolled-back run left its EscalationRun behind")
    grouped = _grouped_sql(today)
    if grouped != {step: expected[step] for step in grouped}:
        raise AssertionError(f"the hand-written grouped queries find {grouped}")

    # One more run, warm and untimed by the comparison, with its statements' times by part.
    captured_time, breakdown, statements = _captured(today)

    (job_time, totals), (floor_time, rows) = best_of_alternating(
        REPEATS, lambda: _job_rolled_back(today), floor, between=_vacuum
    )
    if totals["overdue"] != len(rows) or totals != checked_totals:
        raise AssertionError(f"job: {totals}, first: {checked_totals}, query: {len(rows):,}")
    first_totals = totals
    (job_time_2, _t), (grouped_time, grouped) = best_of_alternating(
        REPEATS, lambda: _job_rolled_back(today), lambda: _grouped_sql(today), between=_vacuum
    )
    assert grouped == {step: expected[step] for step in grouped}, grouped

    # The steady state: a first run committed (and analysed, as autovacuum would after it),
    # then the same day again, with nothing new.
    _vacuum()
    with transaction.atomic():
        committed = escalate(today, email=False)
    assert committed == first_totals, (committed, first_totals)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE governance_escalationrun, governance_notice, governance_meeting")
    finished_runs = EscalationRun.objects.filter(status="done").count()
    before = _digests(today)
    assert len(before) == first_totals["notices"], (len(before), first_totals)
    changed = {}

    def compare(totals):
        after = _digests(today)
        differ = [
            user for user in before.keys() | after.keys() if after.get(user) != before.get(user)
        ]
        changed.update(
            digests=len(differ),
            example=[before.get(differ[0]), after.get(differ[0])] if differ else None,
        )

    _job_rolled_back(today, compare)
    if changed["digests"]:
        before_params, after_params = changed["example"]
        raise AssertionError(
            f"a second run the same day changed {changed['digests']:,} of the day's "
            f"{len(before):,} digests (e.g. {before_params} → {after_params})"
        )
    steady_time, steady = best_of(REPEATS, lambda: _job_rolled_back(today), between=_vacuum)
    if any(steady[step] for step in ("reminders", "overdue", "parent", "minutes", "notices")):
        raise AssertionError(f"a second run the same day announced again: {steady}")
    steady_captured, steady_breakdown, steady_statements = _captured(today)

    # The tracker page of the organisation with 10,000 resolutions, and of the one with 10.
    admin = User.objects.create_superuser("bench-admin", "admin@example.org", password=None)
    client = Client()
    client.force_login(admin)
    headers = {"accept-language": LANGUAGE}

    def url(organisation):
        return reverse("governance:organisation_tracker", kwargs={"pk": organisation.pk})

    def tracker(organisation):
        response = client.get(url(organisation), headers=headers)
        assert response.status_code == 200, response.status_code
        return response

    counts, shown, page_sql = {}, {}, {}
    for name in ("big", "small"):
        tracker(data[name])  # warm: URL resolver, templates, translations
        with CaptureQueriesContext(connection) as page_queries:
            response = tracker(data[name])
        counts[name] = len(page_queries)
        page_sql[name] = sorted(
            ((float(q["time"]), " ".join(q["sql"].split())) for q in page_queries),
            reverse=True,
        )
        shown[name] = response.text.count('<td class="num">')
    assert shown == {"big": PAGE, "small": SMALL}, shown

    def tracker_floor():
        with connection.cursor() as cursor:
            cursor.execute(TRACKER_SQL, [data["big"].pk])
            return cursor.fetchall()

    tracker_floor()
    (page_time, _), (page_floor_time, page_rows) = best_of_alternating(
        PAGE_REPEATS, lambda: tracker(data["big"]), tracker_floor
    )
    assert len(page_rows) == PAGE
    small_time, _ = best_of(PAGE_REPEATS, lambda: tracker(data["small"]))
    return {
        "database": label,
        "built": built,
        "resolutions": RESOLUTIONS,
        "closed": CLOSED,
        "bodies": BODIES,
        "links": data["links"],
        "people": data["people"],
        "totals": first_totals,
        "statements": len(statements),
        "slowest": statements[:4],
        "breakdown": breakdown,
        "captured_time": captured_time,
        "job": job_time,
        "floor": floor_time,
        "job_2": job_time_2,
        "grouped": grouped_time,
        "overdue": len(rows),
        "finished_runs": finished_runs,
        "steady": steady_time,
        "steady_totals": steady,
        "steady_captured": steady_captured,
        "steady_breakdown": steady_breakdown,
        "steady_statements": len(steady_statements),
        "steady_slowest": steady_statements[:2],
        "digests_changed": changed["digests"],
        "digests": len(before),
        "big": BIG,
        "queries_big": counts["big"],
        "queries_small": counts["small"],
        "page": page_time,
        "page_floor": page_floor_time,
        "page_small": small_time,
        "page_sql": page_sql["big"][:3],
        "page_sql_total": sum(t for t, _ in page_sql["big"]),
    }


def _parts(label: str, elapsed: float, breakdown: dict[str, float]) -> str:
    parts = ", ".join(f"{kind} {seconds:.3f} s" for kind, seconds in breakdown.items())
    sql_time = sum(breakdown.values())
    return (
        f"{label}, {elapsed:.3f} s: SQL {sql_time:.3f} s ({parts}); Python and round trips "
        f"{elapsed - sql_time:.3f} s"
    )


def _slowest(statements) -> None:
    for seconds, sql in statements:
        print(f"     {seconds:.3f} s  {sql[:150]}{'…' if len(sql) > 150 else ''}")


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the escalation benchmark: {figures['skipped']}")
        return []
    totals = figures["totals"]
    print(
        f"   {figures['database']}: {figures['resolutions']:,} open and {figures['closed']:,} "
        f"closed resolutions in {figures['bodies']} bodies ({figures['links']:,} responsible "
        f"links, {figures['people']:,} people), built in {figures['built']:.0f} s"
    )
    print(
        f"   first run: {totals['reminders']:,} reminders (per responsible organisation), "
        f"{totals['overdue']:,} overdue, {totals['parent']:,} to parent bodies, "
        f"{totals['minutes']} minutes reminders, {totals['notices']:,} digests, in "
        f"{figures['statements']} statements; slowest:"
    )
    _slowest(figures["slowest"])
    print(f"   {_parts('that run', figures['captured_time'], figures['breakdown'])}")
    print(
        f"   second run the same day ({figures['finished_runs']} finished run before it): "
        f"{figures['steady_totals']}, in {figures['steady_statements']} statements; slowest:"
    )
    _slowest(figures["steady_slowest"])
    print(f"   {_parts('one such run', figures['steady_captured'], figures['steady_breakdown'])}")
    print(f"   it changed none of the day's {figures['digests']:,} digests (checked)")
    print(
        f"   tracker page of the {figures['big']:,}-resolution organisation: "
        f"{figures['queries_big']} queries, {figures['page_sql_total']:.3f} s of SQL; slowest:"
    )
    _slowest(figures["page_sql"])
    return [
        Result(
            f"escalate_first_run: escalate(today) over {figures['resolutions']:,} open "
            f"resolutions in {figures['bodies']} bodies on PostgreSQL, no finished run before, "
            f"every step new (best of {REPEATS})",
            figures["job"],
            figures["floor"],
            target=2.0,
            note=f"baseline: one SQL query selecting the ids of the same {figures['overdue']:,} "
            "overdue resolutions, fetched; each job run rolled back after its foreign keys "
            "were checked",
        ),
        Result(
            "the same first run vs the job's grouped queries alone (per calendar, per body "
            f"and per organisation, hand-written SQL, fetched; best of {REPEATS})",
            figures["job_2"],
            figures["grouped"],
            target=None,
            note="information: the database's share of the counting (no recipients, digests "
            "nor minutes reminders)",
        ),
        Result(
            f"escalate_steady_state: a second run the same day, nothing new (best of {REPEATS})",
            figures["steady"],
            figures["floor"],
            target=None,
            note="baseline: the first-run baseline above (the overdue set's query on the fresh "
            "data); the run changed "
            f"{figures['digests_changed']:,} of the day's {figures['digests']:,} digests",
        ),
        Result(
            f"tracker_page_queries: organisation tracker page, {figures['big']:,} resolutions "
            f"vs {SMALL}",
            figures["queries_big"],
            figures["queries_small"],
            target=1.0,
            unit="queries",
            note="superuser, Django test client, in Thai",
        ),
        Result(
            f"tracker page time, {figures['big']:,} resolutions (full request, rendering "
            f"included, best of {PAGE_REPEATS})",
            figures["page"],
            figures["page_floor"],
            target=None,
            note=f"baseline: bare SQL SELECT … LIMIT {PAGE} of the same page of rows with their "
            f"bodies; the page of the organisation with {SMALL} took {figures['page_small']:.3f} s",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], _django, _measure)
    else:
        for item in run():
            print(item.line())
