"""An AreaIndex built from the database assigns points to the world's areas."""

from __future__ import annotations

import numpy as np
import pytest

from mahalla.places.assign import area_index_build, assign_points_to_areas
from mahalla.places.models import Area

pytestmark = pytest.mark.django_db


def test_index_from_the_database_finds_community_district_and_province(world):
    index = area_index_build(Area.objects.all(), chunk_size=2)

    assert world.rim_khlong.pk not in index.ids  # a point area contains nothing
    xs = np.array([100.56, 100.58, 100.40, 51.42, 0.0])
    ys = np.array([13.705, 13.73, 13.60, 35.68, 0.0])
    result = assign_points_to_areas(xs=xs, ys=ys, areas=index)

    assert result.tolist() == [
        world.lock_123.pk,
        world.khlong_toei.pk,
        world.bangkok.pk,
        world.tehran_d12.pk,
        -1,
    ]


def test_a_scoped_queryset_only_offers_its_own_areas(world):
    only_tehran = Area.objects.filter(path__startswith=world.tehran.path)

    result = assign_points_to_areas(xs=np.array([100.56]), ys=np.array([13.705]), areas=only_tehran)

    assert result.tolist() == [-1]
