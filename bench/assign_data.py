"""Synthetic data for the assignment benchmark, the naive straw man, and the COPY writer.

Polygons: 50 districts (Voronoi cells of a Bangkok-sized box) each split into 40 communities
(Voronoi cells clipped to their district), densified and smoothly warped so borders are
irregular but still shared. Points: uniform over the box.
"""

from __future__ import annotations

import struct

import numpy as np
import shapely

DISTRICTS, COMMUNITIES_PER_DISTRICT = 50, 40
FIRST_COMMUNITY_ID = 1000
EXTENT = (100.30, 13.50, 100.95, 14.00)  # about the size of Bangkok


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
    """(area id, depth, polygon) for 50 districts and their 2,000 communities.

    Districts have ids 1-50, communities 1000 and up; `parent_of` gives a community's district.
    """
    rng = np.random.default_rng(seed)
    areas = []
    for d, district in enumerate(_cells(rng, shapely.box(*EXTENT), DISTRICTS)):
        areas.append((d + 1, 1, district))
        for c, community in enumerate(_cells(rng, district, COMMUNITIES_PER_DISTRICT)):
            areas.append((FIRST_COMMUNITY_ID + d * COMMUNITIES_PER_DISTRICT + c, 2, community))
    warped = []
    for area_id, depth, polygon in areas:
        polygon = shapely.transform(shapely.segmentize(polygon, 0.002), _warp)
        if not polygon.is_valid:
            polygon = shapely.make_valid(polygon)
        warped.append((area_id, depth, polygon))
    return warped


def parent_of(area_id: int) -> int | None:
    """The synthetic id of a community's district; None for a district."""
    if area_id < FIRST_COMMUNITY_ID:
        return None
    return (area_id - FIRST_COMMUNITY_ID) // COMMUNITIES_PER_DISTRICT + 1


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


COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
COPY_TRAILER = struct.pack(">h", -1)
_ROW = np.dtype([("n", ">i2"), ("l1", ">i4"), ("v1", ">i8"), ("l2", ">i4"), ("v2", ">i8")])


def copy_rows(point_ids: np.ndarray, area_ids: np.ndarray) -> bytes:
    """(point id, area id) rows in PostgreSQL's binary COPY format, built with numpy.

    A negative area id (the point lies in no area) becomes NULL: its row is written with
    length -1 and without the 8 value bytes, all without a Python loop over rows.
    """
    rows = np.empty(len(point_ids), dtype=_ROW)
    rows["n"], rows["l1"], rows["l2"] = 2, 8, 8
    rows["v1"], rows["v2"] = point_ids, area_ids
    missing = area_ids < 0
    if not missing.any():
        return rows.tobytes()
    rows["l2"][missing] = -1
    keep = np.ones((len(rows), _ROW.itemsize), dtype=bool)
    keep[missing, _ROW.itemsize - 8 :] = False
    return rows.view(np.uint8).reshape(len(rows), _ROW.itemsize)[keep].tobytes()
