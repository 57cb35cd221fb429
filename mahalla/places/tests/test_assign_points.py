"""Bulk point-in-polygon: each point gets the smallest (deepest) area that covers it."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from mahalla.places.assign import NO_AREA, area_index_from_polygons, assign_points_to_areas

DISTRICT = (1, 1, box(0, 0, 10, 10))
COMMUNITY = (2, 2, box(1, 1, 3, 3))  # inside the district
WEST, EAST = (3, 2, box(5, 1, 6, 2)), (4, 2, box(6, 1, 7, 2))  # share the border x = 6
RING = (5, 2, Polygon(box(1, 5, 4, 8).exterior.coords, [box(2, 6, 3, 7).exterior.coords]))
ISLANDS = (6, 2, MultiPolygon([box(8, 8, 9, 9), box(8, 0.5, 9, 1.5)]))
AREAS = [DISTRICT, COMMUNITY, WEST, EAST, RING, ISLANDS]


def _assign(points, areas=AREAS, **kwargs):
    xs = np.array([p[0] for p in points], dtype=float)
    ys = np.array([p[1] for p in points], dtype=float)
    return assign_points_to_areas(xs=xs, ys=ys, areas=areas, **kwargs).tolist()


def test_a_point_in_a_community_inside_a_district_gets_the_community():
    assert _assign([(2, 2)]) == [2]


def test_a_point_only_in_the_district_gets_the_district():
    assert _assign([(4.5, 4.5)]) == [1]


def test_a_point_in_a_hole_gets_the_area_around_the_ring():
    assert _assign([(2.5, 6.5), (1.5, 5.5)]) == [1, 5]


def test_a_point_outside_every_area_gets_minus_one():
    assert _assign([(20, 20), (-1, 5)]) == [NO_AREA, NO_AREA]


def test_a_point_on_a_shared_border_goes_to_the_lower_id_of_equal_neighbours():
    # Both neighbours are as deep and as large; the lower id wins, on every run.
    assert _assign([(6, 1.5)]) == [3]
    assert _assign([(6, 1.5)], areas=[EAST, DISTRICT, WEST]) == [3]


def test_a_point_on_the_outer_edge_counts_as_inside():
    assert _assign([(10, 5), (1, 2)]) == [1, 2]


def test_both_parts_of_a_multipolygon_count():
    assert _assign([(8.5, 8.5), (8.5, 1)]) == [6, 6]


def test_deeper_wins_over_smaller_when_they_disagree():
    big_deep = (7, 3, box(0, 0, 5, 5))
    small_shallow = (8, 1, box(1, 1, 2, 2))
    assert _assign([(1.5, 1.5)], areas=[big_deep, small_shallow]) == [7]


def test_batches_give_the_same_answer_as_one_pass():
    rng = np.random.default_rng(3)
    xs, ys = rng.uniform(-1, 11, 5_000), rng.uniform(-1, 11, 5_000)
    index = area_index_from_polygons(AREAS)

    whole = assign_points_to_areas(xs=xs, ys=ys, areas=index, batch_size=10_000)
    batched = assign_points_to_areas(xs=xs, ys=ys, areas=index, batch_size=333)

    assert np.array_equal(whole, batched)
    assert set(np.unique(whole)) == {NO_AREA, 1, 2, 3, 4, 5, 6}


def test_missing_coordinates_get_minus_one():
    assert _assign([(np.nan, 2), (2, 2)]) == [NO_AREA, 2]


def test_mismatched_arrays_are_refused():
    with pytest.raises(ValueError):
        assign_points_to_areas(xs=np.zeros(2), ys=np.zeros(3), areas=AREAS)
