"""A zipped Shapefile with a .cpg keeps its Thai and Persian names through the import."""

from __future__ import annotations

import pytest

from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, import_file, write_layer, zip_folder

pytestmark = pytest.mark.django_db


@pytest.fixture
def shapefile_zip(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    geometries, properties = community_columns()
    write_layer(folder / "communities.shp", geometries, properties, driver="ESRI Shapefile")
    assert (folder / "communities.cpg").read_text().strip() == "UTF-8"
    return zip_folder(folder, tmp_path / "communities.zip", arcdir="data/")


def test_zipped_shapefile_imports_thai_and_persian_names_intact(world, shapefile_zip):
    boundary_import = import_file(world, shapefile_zip)

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    assert boundary_import.inspection["layers"][0]["name"] == "communities"
    names = set(
        Area.objects.filter(parent=world.khlong_toei, code__startswith="KT-1").values_list(
            "name_th", "name_fa"
        )
    )
    assert names == {
        ("ล็อค 4-5-6", "محله یک"),
        ("พัฒนา", "محله دو"),
        ("คลองเตยใน", "محله سه"),
    }


def test_a_zip_made_on_a_mac_ignores_its_resource_forks(world, shapefile_zip):
    import zipfile

    with zipfile.ZipFile(shapefile_zip, "a") as archive:
        archive.writestr("__MACOSX/data/._communities.shp", b"\0\5\26\7 apple double")
        archive.writestr("data/._communities.shp", b"\0\5\26\7 apple double")

    boundary_import = import_file(world, shapefile_zip)

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    assert [layer["name"] for layer in boundary_import.inspection["layers"]] == ["communities"]
    assert boundary_import.created_count == 3
