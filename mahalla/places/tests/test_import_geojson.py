"""Importing a GeoJSON file with Thai and Persian names creates areas under the parent."""

from __future__ import annotations

import pytest

from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, import_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geojson(tmp_path):
    geometries, properties = community_columns()
    return write_layer(tmp_path / "ชุมชน.geojson", geometries, properties, driver="GeoJSON")


def test_upload_inspects_layers_properties_count_types_and_crs(world, geojson):
    from mahalla.places.tests.geo_files import upload_file

    boundary_import = upload_file(world, geojson)

    assert boundary_import.status == BoundaryImport.Status.UPLOADED
    assert boundary_import.original_name == "ชุมชน.geojson"
    assert boundary_import.file.name.endswith(".geojson")
    (layer,) = boundary_import.inspection["layers"]
    assert layer["properties"] == ["code", "name", "name_th", "name_fa"]
    assert layer["feature_count"] == 3
    assert layer["geometry_types"] == ["Polygon"]
    assert layer["crs"] == "EPSG:4326"
    assert boundary_import.inspection["feature_count"] == 3


def test_import_creates_areas_with_names_in_three_languages(world, geojson):
    boundary_import = import_file(world, geojson)

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    assert (boundary_import.created_count, boundary_import.updated_count) == (3, 0)
    assert (boundary_import.processed, boundary_import.total) == (3, 3)
    assert boundary_import.finished_at is not None
    assert boundary_import.task_id
    area = Area.objects.get(parent=world.khlong_toei, code="KT-101")
    assert (area.name_en, area.name_th, area.name_fa) == ("Lock 4-5-6", "ล็อค 4-5-6", "محله یک")
    assert area.level == world.community
    assert area.path == f"{world.khlong_toei.path}{area.pk}/"
    assert area.depth == world.khlong_toei.depth + 1
    assert area.geometry_kind == "polygon"
    assert area.bbox == pytest.approx((100.545, 13.705, 100.55, 13.71))
    assert area.centroid_x == pytest.approx(100.5475)
    assert "ล็อค" in area.search_text


def test_each_created_area_has_a_history_row_naming_the_import(world, geojson):
    boundary_import = import_file(world, geojson)

    area = Area.objects.get(parent=world.khlong_toei, code="KT-102")
    (record,) = area.history.all()
    assert record.history_change_reason == f"boundary import #{boundary_import.pk}"
    assert record.history_user == world.admin
    assert record.path == area.path
