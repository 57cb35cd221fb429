"""The area page of a district with 5,000 places, against the SQL floor of one page.

Builds, in a throwaway database (a temporary SQLite file by default; PostgreSQL with
`--postgres`, or when `BENCH_DATABASE_URL`/`DATABASE_URL` names one), a district with
5,000 neighbourhoods (polygons; every tenth with three communities beneath), signs in
its district officer, and measures:

- the whole area page request through Django's test client (session, scope, breadcrumb,
  summary counts, one page of 50 children with their counts, history, template
  rendering), in Thai, best of several runs, against the raw SQL that lists the same
  page of children in the same order (ICU collation) with their child and descendant
  counts: target ≤ 2×. The page's query count is printed with it;
- for information, `map.geojson` of that district (time and size; bounded by
  MAP_MAX_FEATURES).

Runs in a child process, so that its Django set-up never meets another benchmark's.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from child import child_main, run_child  # noqa: E402
from common import Result, best_of, best_of_alternating  # noqa: E402

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "5000"))
REPEATS = 9
PAGE = 50
LANGUAGE = "th"


def _django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "mahalla.test_settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    # Static files as in development: no collectstatic manifest in a throwaway run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Not Django's setup_test_environment(): it instruments every template render with a
    # signal whose receiver in the test client copies the whole context, so pages would be
    # timed slower than production renders them. Only what the client needs is set.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)


def _floor_sql(vendor: str) -> str:
    """One page of children, in the page's order, with both counts: the least any page
    showing them must ask of the database. The page is chosen on ids alone (what the
    children index covers), then its 50 rows are read with their counts."""
    from mahalla.core.db import ASCII_DIGITS, NATIVE_DIGITS

    path = 'COLLATE "C"' if vendor == "postgresql" else ""
    name = "COALESCE(NULLIF(c.name_th, ''), NULLIF(c.name_en, ''), NULLIF(c.name_fa, ''), '')"
    # The page's own ordering on each database (mahalla.core.db).
    order = f"mahalla_sort_key_th({name})"
    if vendor == "postgresql":
        order = f"translate({name}, '{NATIVE_DIGITS}', '{ASCII_DIGITS}') COLLATE mahalla_th"
    # Built from constants only (the page size, a collation clause); the id is a parameter.
    return f"""
        WITH page AS (
            SELECT c.id
            FROM places_area c JOIN places_arealevel l ON l.id = c.level_id
            WHERE c.parent_id = %s
            ORDER BY l.rank, {order}, c.id
            LIMIT {PAGE}
        )
        SELECT a.id, a.code, a.name_en, a.name_th, a.name_fa, a.registration,
               a.geometry_is_synthetic, l.name_th,
               (SELECT COUNT(*) FROM places_area g WHERE g.parent_id = a.id),
               (SELECT COUNT(*) FROM places_area d
                 WHERE d.path {path} > a.path {path}
                   AND d.path {path} < (a.path || '~') {path})
        FROM page JOIN places_area a ON a.id = page.id
             JOIN places_arealevel l ON l.id = a.level_id
    """  # noqa: S608


def _measure(vendor_label: str) -> dict:
    from area_page_data import build
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    start = time.perf_counter()
    district, small, officer, beneath = build(CHILDREN)
    built = time.perf_counter() - start
    client = Client()
    client.force_login(officer)
    url = reverse("places:area_detail", kwargs={"pk": district.pk})
    headers = {"accept-language": LANGUAGE}

    def page():
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.status_code
        return response

    page()  # warm: URL resolver, templates, translations, collators
    with CaptureQueriesContext(connection) as queries:
        response = page()
    query_count = len(queries)  # now: the next requests reset Django's query log
    if os.environ.get("BENCH_PROFILE"):  # the page's queries, slowest first, to stderr
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
            print(f"{query['time']} s  {query['sql'][:600]}", file=sys.stderr)
    rows_shown = response.text.count('<th scope="row"')

    if os.environ.get("BENCH_PROFILE"):  # where the page's time goes, to stderr
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(lambda: [page() for _ in range(20)])
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(40)

    sql = _floor_sql(connection.vendor)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(sql, [district.pk])
            return cursor.fetchall()

    floor()
    # In turn, page then floor, so that the ratio compares the same moments of the machine.
    (page_time, _), (floor_time, rows) = best_of_alternating(REPEATS, page, floor)

    small_url = reverse("places:area_detail", kwargs={"pk": small.pk})
    client.get(small_url, headers=headers)
    small_time, _ = best_of(REPEATS, lambda: client.get(small_url, headers=headers))
    assert len(rows) == rows_shown == PAGE, (len(rows), rows_shown)

    map_url = reverse("places:area_geojson", kwargs={"pk": district.pk})
    client.get(map_url, headers=headers)
    map_time, map_response = best_of(3, lambda: client.get(map_url, headers=headers))
    features = json.loads(map_response.content)
    return {
        "database": vendor_label,
        "built": built,
        "children": CHILDREN,
        "beneath": beneath,
        "page": page_time,
        "floor": floor_time,
        "small": small_time,
        "queries": query_count,
        "map": map_time,
        "map_bytes": len(map_response.content),
        "map_features": len(features["features"]),
    }


def run(argv: list[str] | None = None) -> list[Result]:
    argv = sys.argv[1:] if argv is None else argv
    figures = run_child(__file__, argv)
    if "skipped" in figures:
        print(f"!!! SKIPPING the area page benchmark: {figures['skipped']}")
        return []
    print(
        f"   {figures['database']}: a district with {figures['children']:,} places "
        f"({figures['beneath']:,} areas beneath it in all) built in {figures['built']:.1f} s"
    )
    return [
        Result(
            f"area page with {figures['children']:,} children on {figures['database']} "
            f"(full request, rendering included, best of {REPEATS})",
            figures["page"],
            figures["floor"],
            target=2.0,
            note=f"baseline: raw SQL listing one page ({PAGE}) of the children in the page's "
            f"ICU order with their child and descendant counts; the page made "
            f"{figures['queries']} queries",
        ),
        Result(
            f"the same area page, {figures['children']:,} children vs 3 children",
            figures["page"],
            figures["small"],
            target=None,
            note="baseline: the page of a district with three places: what a page costs "
            "whatever the data (session, permissions, breadcrumb, history, rendering)",
        ),
        Result(
            f"map.geojson of that district on {figures['database']} (information)",
            figures["map"],
            figures["page"],
            target=None,
            note=f"baseline: the area page; {figures['map_features']:,} features, "
            f"{figures['map_bytes'] / 2**20:.2f} MB",
        ),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(sys.argv[2:], _django, _measure)
    else:
        for item in run():
            print(item.line())
