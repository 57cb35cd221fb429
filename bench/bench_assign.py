"""Assign 1,000,000 points to 2,050 synthetic polygons through the places service.

The data (50 districts split into 2,000 communities, points uniform over a Bangkok-sized
box) comes from `assign_data`; the PostgreSQL path lives in `assign_db`.

Results, all measured in this run:
- the service (`AreaIndex` + `assign_points_to_areas`, batches of 100,000) against the bare
  `STRtree.query(points, predicate="within")` on the same arrays: target ≤ 2×;
- memory with batches against one pass over all points (tracemalloc peak, in child
  processes so each starts clean; peak RSS growth is printed too): target ≤ 0.5×;
- a naive per-point loop over every polygon, timed on a sample and extrapolated;
- with PostgreSQL, in a throwaway database: the polygons stored as `Area` rows, the index
  loaded back with `area_index_build(queryset)`, the assignment through that index against
  the bare query on its tree (target ≤ 2×), and the result (real `Area` ids) stored with
  binary COPY against row-by-row INSERTs timed on a sample and extrapolated. Skipped,
  loudly, when PostgreSQL is unreachable.

`BENCH_POINTS` overrides the number of points (for a quick run).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from assign_data import naive_assign, synthetic_areas, synthetic_points  # noqa: E402
from assign_db import BATCH, run_database  # noqa: E402
from common import Result, best_of  # noqa: E402

from mahalla.places.assign import (  # noqa: E402
    area_index_from_polygons,
    assign_points_to_areas,
)

POINTS = int(os.environ.get("BENCH_POINTS", "1000000"))
NAIVE_SAMPLE = 2_000


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

    # On a quick run (few points) one batch would hold them all; compare a tenth instead.
    memory_batch = min(BATCH, max(1, POINTS // 10))
    batched = _memory(memory_batch)
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
            f"assignment memory, batches of {memory_batch:,} vs one pass (tracemalloc peak)",
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
    return results + run_database(areas, xs, ys, result)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        _memory_child(int(sys.argv[2]))
    else:
        for item in run():
            print(item.line())
