"""A GeoPackage with two layers: the uploader must choose one, and only it is imported."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from shapely.geometry import box

from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.boundary_imports.service import boundary_import_start
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, upload_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geopackage(tmp_path):
    path = tmp_path / "two_layers.gpkg"
    geometries, properties = community_columns()
    write_layer(path, geometries, properties, driver="GPKG", layer="communities")
    write_layer(
        path,
        [box(100.57, 13.72, 100.58, 13.73)],
        {"code": ["X-1"], "label": ["ตลาด"]},
        driver="GPKG",
        layer="markets",
        append=True,
    )
    return path


def test_inspection_lists_both_layers_with_their_own_properties(world, geopackage):
    boundary_import = upload_file(world, geopackage)

    layers = {layer["name"]: layer for layer in boundary_import.inspection["layers"]}
    assert set(layers) == {"communities", "markets"}
    assert layers["markets"]["properties"] == ["code", "label"]
    assert layers["communities"]["feature_count"] == 3
    assert boundary_import.inspection["feature_count"] == 4


def test_starting_without_choosing_a_layer_is_refused_on_the_layer_field(world, geopackage):
    boundary_import = upload_file(world, geopackage)

    with pytest.raises(ValidationError) as error:
        boundary_import_start(
            boundary_import=boundary_import, user=world.admin, level=world.community,
            code_field="code", name_en_field="name",
        )  # fmt: skip
    assert "layer" in error.value.message_dict


def test_only_the_chosen_layer_is_imported(world, geopackage):
    boundary_import = upload_file(world, geopackage)

    boundary_import = boundary_import_start(
        boundary_import=boundary_import, user=world.admin, level=world.community,
        layer="markets", code_field="code", name_th_field="label",
    )  # fmt: skip
    boundary_import = boundary_import_confirm(boundary_import=boundary_import, user=world.admin)

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    assert boundary_import.created_count == 1
    assert Area.objects.get(parent=world.khlong_toei, code="X-1").name_th == "ตลาด"
    assert not Area.objects.filter(code="KT-101").exists()
