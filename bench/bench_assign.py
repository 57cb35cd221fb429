"""Assign 1,000,000 points to 2,050 synthetic polygons through the places service.

Polygons: 50 districts (Voronoi cells of a Bangkok-sized box) each split into 40 communities
(Voronoi cells clipped to their district), densified and smoothly warped so borders are
irregular but still shared. Points: uniform over the box.

Results, all measured in this run:
- the service (`AreaIndex` + `assign_points_to_areas`, batches of 100,000) against the bare
  `STRtree.query(points, predicate="within")` on the same arrays: target ≤ 2×;
- memory with batches against one pass over all points (tracemalloc peak, in child
  processes so each starts clean; peak RSS growth is printed too): target ≤ 0.5×;
- storing the result on PostgreSQL with binary COPY in batches, against row-by-row INSERTs
  timed on a sample and extrapolated (skipped, loudly, when PostgreSQL is unreachable);
- a naive per-point loop over every polygon, timed on a sample and extrapolated.

`BENCH_POINTS` overrides the number of points (for a quick run).
"""

from __future__ import annotations

import json
import os
import resource
import struct
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from common import Result, best_of  # noqa: E402

from mahalla.places.assign import (  # noqa: E402
    area_index_from_polygons,
    assign_points_to_areas,
)

POINTS = int(os.environ.get("BENCH_POINTS", "1000000"))
DISTRICTS, COMMUNITIES_PER_DISTRICT = 50, 40
BATCH = 100_000
NAIVE_SAMPLE = 2_000
INSERT_SAMPLE = 20_000
EXTENT = (100.30, 13.50, 100.95, 14.00)  # about the size of Bangkok
PG_URL = os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mahalla"
)


def _seeds(rng: np.random.Generator, polygon, count: int):
    minx, miny, maxx, maxy = polygon.bounds
    found: list = []
    while len(found) < count:
        xs = rng.uniform(minx, maxx, count * 4)
        ys = rng.uniform(miny, maxy, count * 4)
        inside = shapely.contains_xy(polygon, xs, ys)
        found.extend(shapely.points(xs[inside], ys[inside]).tolist())
    return shapely.MultiPoint(found[:count])


def _cells(rng: np.random.Generator, polygon, count: int) -> list:
    cells = shapely.voronoi_polygons(_seeds(rng, polygon, count), extend_to=polygon)
    return [cell.intersection(polygon) for cell in shapely.get_parts(cells)]


def _warp(coords: np.ndarray) -> np.ndarray:
    # x moves with y only and y with x only, gently: the map folds nowhere, so valid
    # polygons stay valid and shared borders stay shared.
    x, y = coords[:, 0], coords[:, 1]
    return np.column_stack(
        [
            x + 0.002 * np.sin(y * 150) + 0.0006 * np.sin(y * 470),
            y + 0.002 * np.cos(x * 140) + 0.0006 * np.cos(x * 430),
        ]
    )


def synthetic_areas(seed: int = 7) -> list[tuple[int, int, object]]:
    """(area id, depth, polygon) for 50 districts and their 2,000 communities."""
    rng = np.random.default_rng(seed)
    areas = []
    for d, district in enumerate(_cells(rng, shapely.box(*EXTENT), DISTRICTS)):
        areas.append((d + 1, 1, district))
        for c, community in enumerate(_cells(rng, district, COMMUNITIES_PER_DISTRICT)):
            areas.append((1000 + d * COMMUNITIES_PER_DISTRICT + c, 2, community))
    warped = []
    for area_id, depth, polygon in areas:
        polygon = shapely.transform(shapely.segmentize(polygon, 0.002), _warp)
        if not polygon.is_valid:
            polygon = shapely.make_valid(polygon)
        warped.append((area_id, depth, polygon))
    return warped


def synthetic_points(count: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(EXTENT[0], EXTENT[2], count), rng.uniform(EXTENT[1], EXTENT[3], count)


def naive_assign(areas: list, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Per point, every polygon, the same rule as the service: the straw man."""
    result = np.full(len(xs), -1, dtype=np.int64)
    for i, (x, y) in enumerate(zip(xs.tolist(), ys.tolist(), strict=True)):
        point = shapely.Point(x, y)
        best = None
        for area_id, depth, polygon in areas:
            if polygon.covers(point):
                key = (-depth, polygon.area, area_id)
                if best is None or key < best[0]:
                    best = (key, area_id)
        if best is not None:
            result[i] = best[1]
    return result


def _copy_rows(point_ids: np.ndarray, area_ids: np.ndarray) -> bytes:
    """Rows in PostgreSQL's binary COPY format, built with numpy (no per-row Python)."""
    rows = np.empty(
        len(point_ids),
        dtype=[("n", ">i2"), ("l1", ">i4"), ("v1", ">i8"), ("l2", ">i4"), ("v2", ">i8")],
    )
    rows["n"], rows["l1"], rows["l2"] = 2, 8, 8
    rows["v1"], rows["v2"] = point_ids, area_ids
    return rows.tobytes()


def store(result: np.ndarray) -> list[Result]:
    import psycopg

    try:
        connection = psycopg.connect(PG_URL, connect_timeout=3)
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            print(
                f"!!! PostgreSQL is unreachable ({error}).\n"
                "!!! SKIPPING the store step; the other figures are still valid.",
                flush=True,
            )
            return []
        # Only a temporary table is used, so the server's maintenance database will do.
        connection = psycopg.connect(PG_URL, dbname="postgres", connect_timeout=3)
    with connection:
        connection.execute("CREATE TEMP TABLE bench_assignment (point_id bigint, area_id bigint)")
        ids = np.arange(len(result), dtype=np.int64)
        start = time.perf_counter()
        cursor = connection.cursor()
        with cursor.copy("COPY bench_assignment FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0))
            for begin in range(0, len(result), BATCH):
                end = begin + BATCH
                copy.write(_copy_rows(ids[begin:end], result[begin:end]))
            copy.write(struct.pack(">h", -1))
        connection.commit()
        copied = time.perf_counter() - start
        (rows,) = connection.execute("SELECT count(*) FROM bench_assignment").fetchone()
        assert rows == len(result), (rows, len(result))

        sample = zip(ids[:INSERT_SAMPLE].tolist(), result[:INSERT_SAMPLE].tolist(), strict=True)
        start = time.perf_counter()
        for row in sample:
            cursor.execute("INSERT INTO bench_assignment VALUES (%s, %s)", row)
        connection.commit()
        inserted = (time.perf_counter() - start) * len(result) / min(INSERT_SAMPLE, len(result))
        connection.execute("DROP TABLE bench_assignment")
    return [
        Result(
            f"store {len(result):,} assignments on PostgreSQL (binary COPY, batches of {BATCH:,})",
            copied,
            inserted,
            target=None,
            note=f"baseline: one INSERT per row, timed on {INSERT_SAMPLE:,} rows and EXTRAPOLATED",
        )
    ]


def _memory_child(batch: int) -> None:
    """In a fresh process: peak memory of one assignment over all points."""
    areas = synthetic_areas()
    xs, ys = synthetic_points(POINTS)
    index = area_index_from_polygons(areas)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    assign_points_to_areas(xs=xs, ys=ys, areas=index, batch_size=batch)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"traced_peak": peak, "rss_growth_kb": rss_after - rss_before}))


def _memory(batch: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--memory", str(batch)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run() -> list[Result]:
    areas = synthetic_areas()
    xs, ys = synthetic_points(POINTS)
    start = time.perf_counter()
    index = area_index_from_polygons(areas)
    built = time.perf_counter() - start
    print(f"   {len(areas):,} polygons, {POINTS:,} points; index built in {built:.3f} s")

    # The limit: the same tree (same prepared polygons), one bare query, nothing resolved.
    bare, pairs = best_of(2, lambda: index.tree.query(shapely.points(xs, ys), predicate="within"))
    service, result = best_of(
        2, lambda: assign_points_to_areas(xs=xs, ys=ys, areas=index, batch_size=BATCH)
    )
    assigned = int((result >= 0).sum())

    sample = slice(0, NAIVE_SAMPLE)
    start = time.perf_counter()
    naive = naive_assign(areas, xs[sample], ys[sample])
    naive_time = (time.perf_counter() - start) * POINTS / NAIVE_SAMPLE
    if not np.array_equal(naive, result[sample]):
        raise AssertionError("the service and the naive loop disagree on the sample")

    batched = _memory(BATCH)
    whole = _memory(POINTS)
    results = [
        Result(
            f"assign {POINTS:,} points to {len(areas):,} polygons (service, batches of {BATCH:,})",
            service,
            bare,
            target=2.0,
            note=f"baseline: bare STRtree.query(points, predicate='within') giving "
            f"{pairs.shape[1]:,} unresolved pairs; the service picks one area per point "
            f"({assigned:,} assigned, {POINTS - assigned:,} outside every polygon)",
        ),
        Result(
            "assignment memory, batches vs one pass (tracemalloc peak)",
            batched["traced_peak"] / 2**20,
            whole["traced_peak"] / 2**20,
            target=0.5,
            unit="MB",
            note=f"peak RSS growth during the assignment: {batched['rss_growth_kb'] / 1024:,.0f}"
            f" MB with batches vs {whole['rss_growth_kb'] / 1024:,.0f} MB in one pass (growth "
            "beyond the peak already reached while generating the data)",
        ),
        Result(
            f"naive per-point loop over every polygon (EXTRAPOLATED from {NAIVE_SAMPLE:,} points)",
            naive_time,
            service,
            target=None,
            note="baseline: the service; the sample's answers match the service's",
        ),
    ]
    return results + store(result)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        _memory_child(int(sys.argv[2]))
    else:
        for item in run():
            print(item.line())
