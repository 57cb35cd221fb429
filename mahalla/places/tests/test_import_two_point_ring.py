"""A ring of two points is reported as too short, not as "not closed" (GEOS's own words)."""

from __future__ import annotations

import pytest

from mahalla.core.jobs.messages import render_text
from mahalla.places.tests.geo_files import feature, import_file, write_geojson_text

pytestmark = pytest.mark.django_db


def test_a_two_point_ring_is_reported_as_having_too_few_points(world, tmp_path):
    two_points = {"type": "Polygon", "coordinates": [[[100.55, 13.70], [100.56, 13.70]]]}
    path = write_geojson_text(
        tmp_path / "two-points.geojson", [feature({"code": "TWO", "name": "Two"}, two_points)]
    )

    result = import_file(world, path, name_en_field="name")

    (problem,) = result.problems
    assert problem["outcome"] == "rejected"
    assert render_text(problem["message"]) == "A ring of the polygon has fewer than 4 points."
