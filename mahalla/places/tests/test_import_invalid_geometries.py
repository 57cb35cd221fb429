"""Invalid polygons are repaired or rejected feature by feature; the valid ones are kept."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import (
    feature,
    import_file,
    write_geojson_text,
    write_layer,
)

pytestmark = pytest.mark.django_db


def _polygon(*ring):
    return {"type": "Polygon", "coordinates": [list(map(list, ring))]}


GOOD = _polygon((100.55, 13.70), (100.56, 13.70), (100.56, 13.71), (100.55, 13.71), (100.55, 13.70))
BOW_TIE = _polygon(
    (100.55, 13.70), (100.56, 13.71), (100.56, 13.70), (100.55, 13.71), (100.55, 13.70)
)


@pytest.fixture
def messy(tmp_path):
    features = [
        feature({"code": "OK-1", "name": "Good"}, GOOD),
        feature({"code": "BT-1", "name": "Bow tie"}, BOW_TIE),
        feature({"code": "TWO", "name": "Two points"}, _polygon((100.55, 13.7), (100.56, 13.7))),
        feature({"code": "OPEN", "name": "Open ring"}, _polygon(
            (100.55, 13.70), (100.56, 13.70), (100.56, 13.71), (100.55, 13.71)
        )),  # fmt: skip
        feature({"code": "EMPTY", "name": "Empty"}, {"type": "Polygon", "coordinates": []}),
        feature({"code": "NONE", "name": "No geometry"}, None),
        feature({"code": "LINE", "name": "A line"},
                {"type": "LineString", "coordinates": [[100.55, 13.7], [100.56, 13.71]]}),
        feature({"code": "NONAME", "name": ""}, GOOD),
        feature({"code": "FLAT", "name": "Flat"}, _polygon(
            (100.55, 13.70), (100.56, 13.70), (100.57, 13.70), (100.55, 13.70)
        )),  # fmt: skip
    ]  # fmt: skip
    return write_geojson_text(tmp_path / "messy.geojson", features)


def _problems(boundary_import):
    return {p["code"]: p for p in boundary_import.problems}


def test_valid_and_repaired_features_are_kept_and_the_others_rejected(world, messy):
    boundary_import = import_file(world, messy, name_en_field="name")

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    created = set(Area.objects.filter(parent=world.khlong_toei).values_list("code", flat=True))
    assert {"OK-1", "BT-1"} <= created
    assert not created & {"TWO", "OPEN", "EMPTY", "NONE", "LINE", "NONAME", "FLAT"}
    assert boundary_import.created_count == 2
    assert boundary_import.repaired_count == 1
    assert boundary_import.rejected_count == 7


def test_the_bow_tie_is_repaired_into_two_valid_triangles(world, messy):
    boundary_import = import_file(world, messy, name_en_field="name")

    problem = _problems(boundary_import)["BT-1"]
    assert problem["outcome"] == "repaired"
    assert problem["feature"] == 2
    text = render_text(problem["message"])
    assert "outline crosses itself at 13.705" in text, text  # plain words, latitude first
    area = Area.objects.get(code="BT-1")
    geom = shapely.geometry.shape(area.geometry)
    assert geom.is_valid
    assert geom.geom_type == "MultiPolygon"
    assert geom.area == pytest.approx(0.01 * 0.01 / 2)


def test_every_rejected_feature_is_reported_with_number_name_and_reason(world, messy):
    boundary_import = import_file(world, messy, name_en_field="name")

    problems = _problems(boundary_import)
    assert problems["TWO"]["feature"] == 3
    assert problems["TWO"]["name"] == "Two points"
    assert problems["TWO"]["outcome"] == "rejected"
    assert "not closed" in render_text(problems["OPEN"]["message"])
    assert render_text(problems["EMPTY"]["message"]) == "The geometry is empty."
    assert render_text(problems["NONE"]["message"]) == "The feature has no geometry."
    assert "is a line where a polygon" in render_text(problems["LINE"]["message"])
    assert (
        render_text(problems["NONAME"]["message"])
        == "The feature has no name in the chosen name properties."
    )
    assert "no area left" in render_text(problems["FLAT"]["message"])
    assert problems["TWO"]["feature"] == 3


def test_missing_coordinates_in_a_geopackage_are_rejected(world, tmp_path):
    with np.errstate(invalid="ignore"):
        nan_polygon = Polygon([(100.55, 13.70), (np.nan, 13.7), (100.56, 13.71), (100.55, 13.70)])
    path = write_layer(
        tmp_path / "nan.gpkg",
        [box(100.55, 13.70, 100.56, 13.71), nan_polygon],
        {"code": ["A", "B"], "name": ["Fine", "Broken"]},
        driver="GPKG",
    )

    boundary_import = import_file(world, path, name_en_field="name")

    assert boundary_import.created_count == 1
    assert "missing or infinite coordinates" in render_text(
        _problems(boundary_import)["B"]["message"]
    )
