"""The same places exported in another format, or with other spacing, count as unchanged."""

from __future__ import annotations

import unicodedata

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from mahalla.places.boundary_imports.compare import clean_name, same_geometry
from mahalla.places.models import Area
from mahalla.places.tests.geo_files import (
    COMMUNITIES,
    community_columns,
    import_file,
    write_layer,
    zip_folder,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(world, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    first = import_file(world, path)
    assert first.created_count == 3
    return first


def _unchanged(result) -> None:
    assert result.is_written, result.failure_text
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 0, 3)
    assert not result.plan_rows.exists()


def test_the_same_features_as_a_geopackage_are_unchanged(world, imported, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.gpkg", geometries, properties, driver="GPKG")

    _unchanged(import_file(world, path))


def test_the_same_features_as_a_shapefile_zip_are_unchanged(world, imported, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    geometries, properties = community_columns()
    write_layer(folder / "c.shp", geometries, properties, driver="ESRI Shapefile")

    _unchanged(import_file(world, zip_folder(folder, tmp_path / "c.zip")))


def test_rounded_reversed_and_respaced_data_is_unchanged(world, imported, tmp_path):
    geometries = [
        # Clockwise, starting at another corner, as a one-part multipolygon, rounded to 7 places.
        MultiPolygon([shapely.set_precision(box(*g.bounds, ccw=False), 1e-7)])
        for g in community_columns()[0]
    ]
    properties = {
        "code": [row[0] for row in COMMUNITIES],
        "name": [f"  {row[1].replace(' ', '   ')} " for row in COMMUNITIES],
        "name_th": [unicodedata.normalize("NFD", row[2]) for row in COMMUNITIES],
        "name_fa": [row[3] for row in COMMUNITIES],
    }
    path = write_layer(tmp_path / "r.geojson", geometries, properties, driver="GeoJSON")

    _unchanged(import_file(world, path))
    assert Area.objects.get(code="KT-101").name_en == "Lock 4-5-6"


def test_a_boundary_moved_by_a_metre_is_a_change(world, imported, tmp_path):
    geometries, properties = community_columns()
    geometries[0] = shapely.affinity.translate(geometries[0], xoff=0.00001)
    path = write_layer(tmp_path / "m.geojson", geometries, properties, driver="GeoJSON")

    result = import_file(world, path)

    assert (result.updated_count, result.unchanged_count) == (1, 2)


def test_geometry_comparison_ignores_vertex_order_and_rounding_only():
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    turned = Polygon([(1, 1), (1, 0), (0, 0), (0, 1)])
    extra_vertex = Polygon([(0, 0), (0.5, 0), (1, 0), (1, 1), (0, 1)])

    assert same_geometry(square, turned)
    assert same_geometry(square, MultiPolygon([turned]))
    assert same_geometry(square, shapely.affinity.translate(square, xoff=5e-8))
    assert same_geometry(square, extra_vertex)
    assert not same_geometry(square, shapely.affinity.translate(square, xoff=1e-6))
    assert not same_geometry(square, box(0, 0, 1, 1.001))
    assert not same_geometry(square, None)


def test_names_are_compared_in_one_unicode_form_with_single_spaces():
    assert clean_name("  Klong\u00a0 Toey  Nai ") == "Klong Toey Nai"
    assert clean_name(unicodedata.normalize("NFD", "مرادآباد")) == "مرادآباد"
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is part of the word
