"""Which area each point falls in, for many points at once (households, submissions).

Rule: a point belongs to the **deepest** area whose polygon covers it (boundary included);
among areas of the same depth (overlapping siblings, or a point on a shared border) the
one with the smaller polygon area wins, then the smaller id. So the answer is the smallest
containing area of the tree and is the same on every run. Points covered by no polygon get
-1. Point-geometry areas cannot contain anything and are left out of the index.

The work is vectorised: points go through `shapely.STRtree.query` in batches (memory stays
bounded by `batch_size`), and the winner per point is picked with numpy, with no Python
loop over points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

NO_AREA = -1


@dataclass(frozen=True)
class AreaIndex:
    """Polygons of areas with a spatial index, built once and reused for many queries."""

    ids: np.ndarray  # int64 area id per polygon
    geometries: np.ndarray  # shapely polygons, in the tree's order
    priority: np.ndarray  # int64 per polygon, 0 = preferred (deepest, then smallest)
    ids_by_priority: np.ndarray  # area id for each priority value
    tree: shapely.STRtree

    def __len__(self) -> int:
        return len(self.ids)


def area_index_from_polygons(areas: Iterable[tuple[int, int, BaseGeometry]]) -> AreaIndex:
    """An index from (area id, depth, polygon) triples; other geometry types are skipped."""
    rows = [
        (int(area_id), int(depth), geom)
        for area_id, depth, geom in areas
        if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty
    ]
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    depths = np.array([row[1] for row in rows], dtype=np.int64)
    geometries = np.empty(len(rows), dtype=object)
    geometries[:] = [row[2] for row in rows]
    # np.lexsort sorts by the last key first: deepest, then smallest area, then lowest id.
    order = np.lexsort((ids, shapely.area(geometries), -depths))
    priority = np.empty(len(rows), dtype=np.int64)
    priority[order] = np.arange(len(rows), dtype=np.int64)
    shapely.prepare(geometries)
    return AreaIndex(
        ids=ids,
        geometries=geometries,
        priority=priority,
        ids_by_priority=ids[order],
        tree=shapely.STRtree(geometries),
    )


def area_index_build(queryset: Any, *, chunk_size: int = 500) -> AreaIndex:
    """An index of the polygon areas of a queryset, reading geometry JSON in chunks."""
    rows = (
        queryset.filter(geometry_kind="polygon")
        .order_by()
        .values_list("id", "depth", "geometry")
        .iterator(chunk_size=chunk_size)
    )
    return area_index_from_polygons(
        (area_id, depth, shape(geometry)) for area_id, depth, geometry in rows
    )


def _as_index(areas: Any) -> AreaIndex:
    if isinstance(areas, AreaIndex):
        return areas
    if hasattr(areas, "values_list"):  # a queryset of areas
        return area_index_build(areas)
    return area_index_from_polygons(areas)


def assign_points_to_areas(
    *, xs: np.ndarray, ys: np.ndarray, areas: Any, batch_size: int = 100_000
) -> np.ndarray:
    """The id of the smallest area covering each point (x = longitude), -1 where none.

    `areas` is an `AreaIndex`, a queryset of areas or (area id, depth, polygon) triples.
    """
    index = _as_index(areas)
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    if xs.shape != ys.shape or xs.ndim != 1:
        raise ValueError("xs and ys must be one-dimensional arrays of the same length")
    result = np.full(len(xs), NO_AREA, dtype=np.int64)
    if not len(index) or not len(xs):
        return result
    worst = np.iinfo(np.int64).max
    best = np.empty(min(batch_size, len(xs)), dtype=np.int64)
    for start in range(0, len(xs), batch_size):
        stop = min(start + batch_size, len(xs))
        points = shapely.points(xs[start:stop], ys[start:stop])
        # "intersects" counts a point on the boundary as inside (unlike "within").
        point_idx, tree_idx = index.tree.query(points, predicate="intersects")
        del points
        chosen = best[: stop - start]
        chosen.fill(worst)
        # The lowest priority per point, without sorting: one pass over the pairs.
        np.minimum.at(chosen, point_idx, index.priority[tree_idx])
        found = chosen != worst
        result[start:stop][found] = index.ids_by_priority[chosen[found]]
    return result
