"""A point layer is accepted for any level: point-only communities are places like any other."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area
from mahalla.places.tests.check_files import square
from mahalla.places.tests.geo_files import import_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("level_name", ["community", "neighbourhood"])
def test_points_become_places_located_by_a_point(world, tmp_path, level_name):
    path = write_layer(
        tmp_path / "points.geojson",
        [Point(100.571, 13.721), Point(100.581, 13.711)],
        {"code": ["PT-1", "PT-2"], "name": ["Soi Pattana", "Rim Rang Rot Fai"]},
        driver="GeoJSON",
    )

    result = import_file(world, path, level=getattr(world, level_name), name_en_field="name")

    assert (result.created_count, result.rejected_count) == (2, 0), result.problems
    area = Area.objects.get(code="PT-1")
    assert area.geometry_kind == Area.GeometryKind.POINT
    assert area.geometry == {"type": "Point", "coordinates": [100.571, 13.721]}
    assert area.bbox == (100.571, 13.721, 100.571, 13.721)


def test_in_a_mixed_layer_each_point_is_reported(world, tmp_path):
    path = write_layer(
        tmp_path / "mixed.geojson",
        [square(100.55, 13.70), Point(100.571, 13.721), square(100.56, 13.71)],
        {"code": ["MX-1", "MX-2", "MX-3"], "name": ["Boundary one", "Only a point", "Two"]},
        driver="GeoJSON",
        geometry_type="Unknown",
    )

    result = import_file(world, path, name_en_field="name")

    assert (result.created_count, result.rejected_count) == (2, 1)
    problem = result.problems[0]
    assert (problem["feature"], problem["code"], problem["outcome"]) == (2, "MX-2", "rejected")
    assert render_text(problem["message"]) == (
        "The geometry is a point where a polygon is expected."
    )
