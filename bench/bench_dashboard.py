"""The district dashboard over many households, against the raw SQL that counts the same.

PostgreSQL only (a throwaway `mahalla_bench_<random>` database, found as for `assign`).
Builds a district with `BENCH_COMMUNITIES` (1,000) communities, each with a settlement
profile, and `BENCH_HOUSEHOLDS` (1,000,000) households with 1 to 7 members (about 4 per
household), written by `INSERT … SELECT generate_series` in the database. Then measures,
best of 3, timed in turn:

- `registry.indicators.compute.compute()` for the district (what the dashboard page shows:
  the community tables, households by community, tenure, income and condition, the members'
  vulnerable groups, the households with one, deprivations) for a reader who sees every record;
- the floor: the same numbers by hand-written SQL, four statements (the GROUP BY of
  households, the members' FILTER counts, the EXISTS count, the community profiles), fetched.

Target ≤ 1.5×. The results of both are compared (households, people, vulnerable counts).
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from child import child_main, run_child  # noqa: E402
from common import Result, best_of_alternating  # noqa: E402

HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "1000000"))
COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", "1000"))
REPEATS = 3


def _django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "mahalla.test_settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


class _Everyone:
    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


def _build(geometry=None):
    """The district; `geometry(index)` gives each community an outline (the report's map)."""
    from area_page_data import _bulk
    from django.db import connection, transaction

    from mahalla.places.services import area_create, area_level_get_or_create
    from mahalla.registry.models import Value

    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    district_level = area_level_get_or_create(code="district", rank=30, name_en="District")
    community = area_level_get_or_create(
        code="community", rank=50, name_en="Community", is_community=True
    )
    with transaction.atomic():
        city = area_create(level=province, code="10", name_en="Bangkok")
        district = area_create(level=district_level, parent=city, code="1033", name_en="KT")
        rows = [{"name_th": f"ชุมชนที่ {n}", "code": f"C{n}"} for n in range(COMMUNITIES)]
        communities = _bulk(district, community, rows, geometry)
        lists = {
            "tenure_type": ["owner", "tenant", "sub_tenant", "occupant", "cooperative"],
            "income_band": ["very_low", "low", "middle", "above"],
            "house_condition": ["good", "needs_repair", "dilapidated"],
            "tenure_situation": ["title", "lease", "permit", "none"],
            "service_access": ["all", "some", "none"],
            "eviction_threat": ["none", "possible", "notice"],
            "land_owner_type": ["state_agency", "private_individual", "religious"],
            "solid_waste": ["collected", "irregular", "none"],
            "sex": ["female", "male"],
        }
        ids = {}
        for list_name, codes in lists.items():
            for code in codes:
                ids[(list_name, code)] = Value.objects.create(
                    list=list_name, code=code, name_en=code
                ).pk

        def array(list_name: str) -> str:
            return "ARRAY[" + ",".join(str(ids[(list_name, c)]) for c in lists[list_name]) + "]"

        def pick(list_name: str, expression: str) -> str:
            return f"({array(list_name)})[1 + {expression}]"

        area_ids = "ARRAY[" + ",".join(str(a.pk) for a in communities) + "]"
        now = "now()"
        with connection.cursor() as cursor:
            # Built from constants and ids only: nothing comes from outside.
            cursor.execute(
                f"""
                INSERT INTO registry_settlementprofile (provenance, is_deleted, created_at,
                    updated_at, area_id, city_id, observed_on, land_owner_type_id,
                    tenure_situation_id, eviction_threat_id, households, water_id,
                    electricity_id, drainage_id, toilets_id, solid_waste_id, access_road_width,
                    notes)
                SELECT '{{}}', false, {now}, {now}, a, {city.pk}, DATE '2026-11-01',
                    {pick("land_owner_type", "a % 3")}, {pick("tenure_situation", "a % 4")},
                    {pick("eviction_threat", "a % 3")}, 500, {pick("service_access", "a % 3")},
                    {pick("service_access", "(a / 3) % 3")},
                    {pick("service_access", "(a / 5) % 3")},
                    {pick("service_access", "(a / 7) % 3")}, {pick("solid_waste", "a % 3")},
                    1.5 + (a % 5), ''
                FROM unnest({area_ids}) AS a
                """  # noqa: S608
            )
            cursor.execute(
                f"""
                INSERT INTO registry_household (provenance, is_deleted, created_at, updated_at,
                    area_id, city_id, observed_on, house_number, head_name, search_text,
                    income_band_id, house_condition_id, tenure_id, savings_member, member_count)
                SELECT '{{}}', false, {now}, {now}, ({area_ids})[1 + g % {COMMUNITIES}],
                    {city.pk}, DATE '2026-11-01', g::text, 'household ' || g, '',
                    ({array("income_band")})[1 + (g / 7) % 4],
                    ({array("house_condition")})[1 + (g / 11) % 3],
                    ({array("tenure_type")})[1 + (g / 13) % 5], g % 2 = 0, 1 + g % 7
                FROM generate_series(1, {HOUSEHOLDS}) AS g
                """  # noqa: S608
            )
            cursor.execute(
                f"""
                INSERT INTO registry_member (provenance, is_deleted, created_at, updated_at,
                    household_id, position, name, search_text, age, sex_id, disability,
                    chronic_illness, elderly_alone)
                SELECT '{{}}', false, {now}, {now}, h.id, p, 'member', '',
                    (h.id * 7 + p * 13) % 90, ({array("sex")})[1 + (h.id + p) % 2],
                    (h.id + p) % 23 = 0, (h.id + p) % 11 = 0, p = 1 AND h.member_count = 1
                        AND (h.id * 7 + 13) % 90 >= 60
                FROM registry_household h, generate_series(1, h.member_count) AS p
                """  # noqa: S608
            )
            cursor.execute("ANALYZE")
    return district


FLOOR = [
    # Households by community, tenure, income and condition, with their people.
    """SELECT h.area_id, t.code, i.code, c.code, count(*), sum(h.member_count)
       FROM registry_household h
       JOIN places_area a ON a.id = h.area_id
       LEFT JOIN registry_value t ON t.id = h.tenure_id
       LEFT JOIN registry_value i ON i.id = h.income_band_id
       LEFT JOIN registry_value c ON c.id = h.house_condition_id
       WHERE NOT h.is_deleted AND h.merged_into_id IS NULL
         AND a.path COLLATE "C" LIKE %(path)s
       GROUP BY 1, 2, 3, 4""",
    # The members' vulnerable groups.
    """SELECT count(*) FILTER (WHERE m.age >= 60), count(*) FILTER (WHERE m.elderly_alone),
              count(*) FILTER (WHERE m.disability), count(*) FILTER (WHERE m.chronic_illness),
              count(*) FILTER (WHERE m.age < 5)
       FROM registry_member m JOIN registry_household h ON h.id = m.household_id
       JOIN places_area a ON a.id = h.area_id
       WHERE NOT m.is_deleted AND NOT h.is_deleted AND h.merged_into_id IS NULL
         AND a.path COLLATE "C" LIKE %(path)s""",
    # Households with at least one vulnerable member.
    """SELECT count(*) FROM registry_household h JOIN places_area a ON a.id = h.area_id
       WHERE NOT h.is_deleted AND h.merged_into_id IS NULL AND a.path COLLATE "C" LIKE %(path)s
         AND EXISTS (SELECT 1 FROM registry_member m WHERE m.household_id = h.id
                     AND NOT m.is_deleted AND (m.age >= 60 OR m.elderly_alone OR m.disability
                     OR m.chronic_illness OR m.age < 5))""",
    # The communities' latest profiles with their codes.
    """SELECT DISTINCT ON (p.area_id) p.area_id, p.households, p.access_road_width,
              ts.code, lo.code, ev.code, w.code, e.code, d.code, t.code, sw.code
       FROM registry_settlementprofile p JOIN places_area a ON a.id = p.area_id
       LEFT JOIN registry_value ts ON ts.id = p.tenure_situation_id
       LEFT JOIN registry_value lo ON lo.id = p.land_owner_type_id
       LEFT JOIN registry_value ev ON ev.id = p.eviction_threat_id
       LEFT JOIN registry_value w ON w.id = p.water_id
       LEFT JOIN registry_value e ON e.id = p.electricity_id
       LEFT JOIN registry_value d ON d.id = p.drainage_id
       LEFT JOIN registry_value t ON t.id = p.toilets_id
       LEFT JOIN registry_value sw ON sw.id = p.solid_waste_id
       WHERE NOT p.is_deleted AND a.path COLLATE "C" LIKE %(path)s
       ORDER BY p.area_id, p.observed_on DESC, p.id DESC""",
]


def _measure(label: str) -> dict:
    from django.db import connection

    from mahalla.registry.indicators.compute import compute

    start = time.perf_counter()
    district = _build()
    built = time.perf_counter() - start
    reader = _Everyone()

    def page():
        return compute(user=reader, area=district)

    def floor():
        results = []
        with connection.cursor() as cursor:
            for sql in FLOOR:
                cursor.execute(sql, {"path": f"{district.path}%"})
                results.append(cursor.fetchall())
        return results

    page(), floor()  # warm: caches, plans
    (page_time, result), (floor_time, rows) = best_of_alternating(REPEATS, page, floor)
    households = sum(r[4] for r in rows[0])
    people = sum(r[5] for r in rows[0])
    vulnerable = result.table("vulnerable")
    by_key = {row.key: row.values[0] for row in vulnerable.rows}
    assert (result.households, result.people) == (households, people), (
        result.households,
        households,
    )
    assert [
        by_key[k] for k in ("elderly", "elderly_alone", "disability", "chronic_illness", "child")
    ] == list(rows[1][0])
    assert by_key["households"] == rows[2][0][0]
    return {
        "database": label,
        "built": built,
        "households": households,
        "people": people,
        "communities": COMMUNITIES,
        "page": page_time,
        "floor": floor_time,
    }


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the dashboard benchmark: {figures['skipped']}")
        return []
    print(
        f"   {figures['database']}: {figures['households']:,} households, "
        f"{figures['people']:,} people in {figures['communities']:,} communities, "
        f"built in {figures['built']:.0f} s"
    )
    return [
        Result(
            f"district dashboard indicators over {figures['households']:,} households "
            f"(best of {REPEATS})",
            figures["page"],
            figures["floor"],
            target=1.5,
            note="baseline: the same numbers by four hand-written SQL statements (GROUP BY of "
            "households, the members' FILTER counts, the EXISTS count, the latest profiles)",
        )
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], _django, _measure)
    else:
        for item in run():
            print(item.line())
