"""The assignment benchmark's PostgreSQL path: a throwaway database, areas stored as real
`Area` rows, the index loaded back through the ORM, and the result stored with binary COPY.

Everything happens in a database created for the run (`mahalla_bench_<random>`) and dropped
at the end, even when a step fails; no existing database is written to.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import numpy as np
import shapely
from assign_data import COPY_HEADER, COPY_TRAILER, copy_rows, parent_of
from common import Result, best_of

BATCH = 100_000
INSERT_SAMPLE = 20_000
SKIPPING = (
    "!!! SKIPPING the PostgreSQL steps (index loaded from the database, store); "
    "the in-memory figures are still valid."
)
PG_URL = os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mahalla"
)


def _connect(database: str | None = None, **options):
    import psycopg

    extra = {"dbname": database} if database else {}
    return psycopg.connect(PG_URL, connect_timeout=3, **extra, **options)


def _admin_connection():
    """A connection to the server's maintenance database, or None (after a loud SKIP)."""
    import psycopg

    try:
        try:
            return _connect("postgres", autocommit=True)
        except psycopg.OperationalError as error:
            if "does not exist" not in str(error):
                raise
            # No maintenance database: the configured one only serves to create ours.
            return _connect(autocommit=True)
    except psycopg.Error as error:
        print(f"!!! PostgreSQL is unreachable ({str(error).strip()}).\n{SKIPPING}", flush=True)
        return None


def _close_django_connections() -> None:
    from django.conf import settings

    if settings.configured:
        from django.db import connections

        connections.close_all()


@contextmanager
def bench_database() -> Iterator[str | None]:
    """The name of a new, empty database, dropped on exit; None when PostgreSQL is down."""
    import psycopg
    from psycopg import sql

    admin = _admin_connection()
    if admin is None:
        yield None
        return
    name = f"mahalla_bench_{secrets.token_hex(4)}"
    with admin:
        try:
            # Plain CREATE: if the name were taken, this fails instead of reusing that database.
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            print(f"!!! Cannot create a benchmark database ({str(error).strip()}).\n{SKIPPING}")
            yield None
            return
        try:
            yield name
        finally:
            _close_django_connections()
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            print(f"   benchmark database {name} dropped", flush=True)


def django_setup(database: str) -> None:
    """Configure Django against the benchmark database and migrate it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "mahalla.settings"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    os.environ["DATABASE_URL"] = urlsplit(PG_URL)._replace(path=f"/{database}").geturl()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def areas_write(areas: list) -> tuple[object, dict[int, int]]:
    """Store the synthetic polygons as a district and a community level under a root.

    Uses the boundary import's batch writer (bulk_create, paths in one UPDATE per parent,
    history rows). Returns the root and a map from synthetic id to `Area` primary key.
    """
    from django.db import transaction

    from mahalla.places.boundary_imports.service import WRITE_BATCH, areas_write_batch
    from mahalla.places.models import Area
    from mahalla.places.services import (
        apply_geometry,
        area_create,
        area_level_get_or_create,
        prepare_area,
    )

    province = area_level_get_or_create(code="province", rank=10, name_en="Province")
    levels = {
        1: area_level_get_or_create(code="district", rank=30, name_en="District"),
        2: area_level_get_or_create(
            code="community", rank=50, name_en="Community", is_community=True
        ),
    }
    # The root has no polygon, so the index holds exactly the 2,050 synthetic ones.
    root = area_create(level=province, code="10", name_en="Bangkok", name_th="กรุงเทพมหานคร")
    created: dict[int, Area] = {}
    with transaction.atomic():
        for depth, level in levels.items():
            batch = []
            for area_id, area_depth, polygon in areas:
                if area_depth != depth:
                    continue
                parent = created[parent_of(area_id)] if parent_of(area_id) else root
                area = Area(
                    level=level,
                    parent=parent,
                    code=str(area_id),
                    name_en=f"{level.name_en} {area_id}",
                    path="/",
                )
                apply_geometry(area, polygon, synthetic=True)
                prepare_area(area)
                created[area_id] = area
                batch.append(area)
            for start in range(0, len(batch), WRITE_BATCH):
                areas_write_batch(
                    batch[start : start + WRITE_BATCH], new=True, reason="benchmark", user=None
                )
    return root, {area_id: area.pk for area_id, area in created.items()}


def store(result: np.ndarray, database: str) -> Result:
    """Write (point id, area id or NULL) rows into a table of the benchmark database."""
    connection = _connect(database)
    with connection:
        connection.execute("CREATE TABLE bench_assignment (point_id bigint, area_id bigint)")
        connection.commit()
        ids = np.arange(len(result), dtype=np.int64)
        start = time.perf_counter()
        cursor = connection.cursor()
        with cursor.copy("COPY bench_assignment FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(COPY_HEADER)
            for begin in range(0, len(result), BATCH):
                end = begin + BATCH
                copy.write(copy_rows(ids[begin:end], result[begin:end]))
            copy.write(COPY_TRAILER)
        connection.commit()
        copied = time.perf_counter() - start
        (rows, real) = connection.execute(
            "SELECT count(*), count(a.id) FROM bench_assignment b"
            " LEFT JOIN places_area a ON a.id = b.area_id"
        ).fetchone()
        # Every row is stored, and every non-NULL area id is a real Area row.
        assert (rows, real) == (len(result), int((result >= 0).sum())), (rows, real)

        sample = min(INSERT_SAMPLE, len(result))
        values = [None if v < 0 else v for v in result[:sample].tolist()]
        start = time.perf_counter()
        for row in zip(ids[:sample].tolist(), values, strict=True):
            cursor.execute("INSERT INTO bench_assignment VALUES (%s, %s)", row)
        connection.commit()
        inserted = (time.perf_counter() - start) * len(result) / sample
    return Result(
        f"store {len(result):,} assignments (Area ids) on PostgreSQL "
        f"(binary COPY, batches of {BATCH:,})",
        copied,
        inserted,
        target=None,
        note=f"baseline: one INSERT per row, timed on {INSERT_SAMPLE:,} rows and EXTRAPOLATED",
    )


def run_database(areas: list, xs: np.ndarray, ys: np.ndarray, expected: np.ndarray) -> list:
    """The results of the PostgreSQL path; `expected` is the in-memory assignment."""
    with bench_database() as database:
        if database is None:
            return []
        start = time.perf_counter()
        django_setup(database)
        migrated = time.perf_counter() - start
        print(f"   benchmark database {database} created and migrated in {migrated:.1f} s")

        from mahalla.places.assign import area_index_build, assign_points_to_areas
        from mahalla.places.models import Area

        start = time.perf_counter()
        root, pks = areas_write(areas)
        print(f"   {len(pks):,} areas written as Area rows in {time.perf_counter() - start:.2f} s")
        queryset = Area.objects.filter(path__startswith=root.path)
        built, index = best_of(2, lambda: area_index_build(queryset))
        print(f"   index built from PostgreSQL in {built:.3f} s ({len(index):,} polygons)")

        # The limit: the tree loaded from the database, one bare query, nothing resolved.
        points = len(xs)
        bare, pairs = best_of(
            2, lambda: index.tree.query(shapely.points(xs, ys), predicate="within")
        )
        service, result = best_of(
            2, lambda: assign_points_to_areas(xs=xs, ys=ys, areas=index, batch_size=BATCH)
        )
        to_pk = np.full(max(pks) + 1, -1, dtype=np.int64)
        to_pk[list(pks)] = list(pks.values())
        if not np.array_equal(result, np.where(expected >= 0, to_pk[expected], -1)):
            raise AssertionError("the index from the database and the in-memory one disagree")
        assigned = int((result >= 0).sum())
        return [
            Result(
                f"assign {points:,} points to the {len(index):,} areas loaded from PostgreSQL "
                f"(service, batches of {BATCH:,})",
                service,
                bare,
                target=2.0,
                note=f"baseline: bare STRtree.query(points, predicate='within') on the same tree "
                f"giving {pairs.shape[1]:,} unresolved pairs; {assigned:,} points get an Area "
                "id, the same areas as the in-memory run",
            ),
            store(result, database),
        ]
