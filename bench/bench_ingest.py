"""A 200,000-row household list loaded from CSV, against COPY of the same file.

PostgreSQL only (a throwaway database). Builds a city with 20 districts and 2,000 community
polygons (`BENCH_INGEST_COMMUNITIES`), writes a CSV of `BENCH_INGEST_ROWS` (200,000) households
with Thai names, points inside their communities, member counts and value-list codes, then
times, best of 3 and in turn:

- `registry.ingest.bulk.households_bulk_load`: the file streamed in batches, every row
  validated (required names, numbers, ranges, codes, repeated rows), names folded for search,
  points assigned to their community with an STR-tree (and so to their district), and the
  households written by COPY into `registry_household`, in one transaction;
- the floor: PostgreSQL's own `COPY … FROM STDIN (FORMAT csv, HEADER)` of the same file into a
  bare table with the same columns.

Each timed run is rolled back afterwards, so every run writes into the same empty tables;
its foreign keys are checked first (`SET CONSTRAINTS ALL IMMEDIATE`), as a commit would.
Target ≤ 3×. For information, a third timing shows the database's own share: the rows
copied raw and inserted into `registry_household` by SQL alone. The peak of Python's memory
during one load is printed beside the file's size (tracemalloc), to show the load streams
rather than holding the file.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_dashboard  # noqa: E402
from child import child_main, run_child  # noqa: E402
from common import Result, best_of_alternating  # noqa: E402

ROWS = int(os.environ.get("BENCH_INGEST_ROWS", "200000"))
COMMUNITIES = int(os.environ.get("BENCH_INGEST_COMMUNITIES", "2000"))
DISTRICTS = 20
REPEATS = 3
SIZE = 0.002  # degrees: a community's side
COLUMNS = ("head_name", "house_number", "latitude", "longitude", "members", "tenure",
           "income_band", "house_condition", "savings_member")  # fmt: skip
BARE = """CREATE TABLE bench_households (head_name text, house_number text, latitude float8,
    longitude float8, members integer, tenure text, income_band text, house_condition text,
    savings_member text)"""


def _corner(index: int) -> tuple[float, float]:
    per_row = 50
    return 100.40 + (index % per_row) * SIZE * 1.5, 13.60 + (index // per_row) * SIZE * 1.5


def _build():
    from area_page_data import _bulk
    from django.db import transaction
    from shapely.geometry import box

    from mahalla.places.services import area_create, area_level_get_or_create

    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    district_level = area_level_get_or_create(code="district", rank=30, name_en="District")
    community = area_level_get_or_create(
        code="community", rank=50, name_en="Community", is_community=True
    )
    per_district = COMMUNITIES // DISTRICTS
    with transaction.atomic():
        city = area_create(level=province, code="10", name_en="Bangkok")
        for d in range(DISTRICTS):
            district = area_create(level=district_level, parent=city, code=f"D{d}",
                                   name_en=f"District {d}")  # fmt: skip
            first = d * per_district

            def square(i, first=first):
                x, y = _corner(first + i)
                return box(x, y, x + SIZE, y + SIZE)

            rows = [{"name_th": f"ชุมชน {first + n}", "code": f"C{first + n}"}
                    for n in range(per_district)]  # fmt: skip
            _bulk(district, community, rows, square)
    return city


def _write_csv(path: Path) -> None:
    rng = random.Random(11)
    given = ["สมชาย", "สมหญิง", "มานี", "ประภา", "บุญมี", "วิไล", "สุนทร", "อำไพ"]
    family = ["ใจดี", "รักดี", "มีสุข", "ศรีสุข", "บุญมา", "แสงทอง"]
    tenure = ["owner", "tenant", "sub_tenant", "occupant", "cooperative"]
    income = ["very_low", "low", "middle", "above"]
    condition = ["good", "needs_repair", "dilapidated"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(COLUMNS) + "\n")
        for n in range(ROWS):
            x, y = _corner(rng.randrange(COMMUNITIES))
            handle.write(
                f"{rng.choice(given)} {rng.choice(family)} {n},{n % 500}/{n % 37},"
                f"{y + rng.uniform(0.0001, SIZE - 0.0001):.6f},"
                f"{x + rng.uniform(0.0001, SIZE - 0.0001):.6f},{rng.randint(1, 9)},"
                f"{rng.choice(tenure)},{rng.choice(income)},{rng.choice(condition)},"
                f"{rng.choice(['yes', 'no'])}\n"
            )


def _measure(label: str) -> dict:
    from django.db import connection, transaction

    from mahalla.registry.ingest.bulk import households_bulk_load

    started = time.perf_counter()
    city = _build()
    reader = bench_dashboard._Everyone()
    reader.time_zone, reader.language = "", "th"
    with connection.cursor() as cursor:
        cursor.execute(BARE)
    folder = tempfile.mkdtemp()
    path = Path(folder) / "households.csv"
    _write_csv(path)
    built = time.perf_counter() - started
    outcome = {}

    def load():
        with transaction.atomic():
            with path.open("rb") as handle:
                report = households_bulk_load(handle, user=reader, within=city, name="bench")
            assert report.ok, report.problems[:3]
            outcome.update(created=report.created, communities=len(report.by_community))
            _check_constraints_now()
            transaction.set_rollback(True)
        return report.created

    def copy():
        with transaction.atomic():
            with connection.cursor() as cursor, path.open("rb") as handle:
                sql = (
                    f"COPY bench_households ({', '.join(COLUMNS)}) FROM STDIN (FORMAT csv, HEADER)"
                )
                with cursor.cursor.copy(sql) as copying:
                    while block := handle.read(1 << 20):
                        copying.write(block)
                cursor.execute("SELECT count(*) FROM bench_households")
                count = cursor.fetchone()[0]
            transaction.set_rollback(True)
        return count

    def write_only():
        """The database's share: the rows copied raw, then inserted into the real table with
        its foreign keys and indexes, by SQL alone (no check, no fold, no placement)."""
        from mahalla.places.models import Area
        from mahalla.registry.models import Value

        area = Area.objects.filter(level__is_community=True).order_by("pk").first()
        value = Value.objects.filter(list="tenure_type").order_by("pk").first()
        with transaction.atomic():
            copy_into_bare()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""INSERT INTO registry_household (provenance, is_deleted, created_at,
                        updated_at, area_id, city_id, observed_on, house_number, head_name,
                        search_text, longitude, latitude, income_band_id, house_condition_id,
                        tenure_id, savings_member, member_count)
                    SELECT '{{}}', false, now(), now(), {area.pk}, {city.pk}, current_date,
                        house_number, head_name, lower(head_name), longitude, latitude,
                        {value.pk}, {value.pk}, {value.pk}, savings_member = 'yes', members
                    FROM bench_households"""  # noqa: S608 - ids of this run only
                )
                written = cursor.rowcount
            _check_constraints_now()
            transaction.set_rollback(True)
        return written

    def _check_constraints_now():
        """The foreign keys are checked at commit (Django makes them deferred), and a run
        that is rolled back would never pay for them: asking for them now counts them."""
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def copy_into_bare():
        with connection.cursor() as cursor, path.open("rb") as handle:
            sql = f"COPY bench_households ({', '.join(COLUMNS)}) FROM STDIN (FORMAT csv, HEADER)"
            with cursor.cursor.copy(sql) as copying:
                while block := handle.read(1 << 20):
                    copying.write(block)

    load(), copy(), write_only()  # warm: plans, the value lists, the file in the page cache
    (load_time, created), (copy_time, copied) = best_of_alternating(REPEATS, load, copy)
    assert created == copied == ROWS, (created, copied)
    (write_time, written), (_copy, _c) = best_of_alternating(REPEATS, write_only, copy)
    assert written == ROWS
    if os.environ.get("BENCH_INGEST_PROFILE"):  # where a load's time goes, to stderr
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(load)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    tracemalloc.start()
    load()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "database": label,
        "built": built,
        "rows": ROWS,
        "communities": outcome["communities"],
        "file_mb": path.stat().st_size / 1024**2,
        "peak_mb": peak / 1024**2,
        "load": load_time,
        "copy": copy_time,
        "write": write_time,
    }


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the ingest benchmark: {figures['skipped']}")
        return []
    print(
        f"   {figures['database']}: {figures['rows']:,} rows ({figures['file_mb']:.1f} MB) into "
        f"{figures['communities']:,} communities of {DISTRICTS} districts; Python's peak memory "
        f"during a load {figures['peak_mb']:.1f} MB; built in {figures['built']:.0f} s"
    )
    return [
        Result(
            f"household list of {figures['rows']:,} rows, checked, placed and stored "
            f"(best of {REPEATS})",
            figures["load"],
            figures["copy"],
            target=3.0,
            note="baseline: COPY of the same CSV into a bare table with the same columns",
        ),
        Result(
            "the database's share: the same rows COPYed raw, then INSERT … SELECT into "
            "registry_household (its foreign keys and indexes), no check",
            figures["write"],
            figures["copy"],
            note="information: what writing into the real table costs before any Python work",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], bench_dashboard._django, _measure)
    else:
        for item in run():
            print(item.line())
