"""Files that cannot be used are refused with a specific, translated message."""

from __future__ import annotations

import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from mahalla.places.boundary_imports.service import BoundaryFileError, boundary_import_upload
from mahalla.places.geofiles import reading as geo_io
from mahalla.places.models import BoundaryImport
from mahalla.places.tests.geo_files import community_columns, upload, write_layer

pytestmark = pytest.mark.django_db


def _upload(world, path, user=None):
    return boundary_import_upload(
        user=user or world.admin, parent=world.khlong_toei, uploaded_file=upload(path)
    )


def _error(world, path) -> str:
    with pytest.raises(BoundaryFileError) as error:
        _upload(world, path)
    return error.value.message


@pytest.fixture
def shapefile_folder(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    geometries, properties = community_columns()
    write_layer(folder / "c.shp", geometries, properties, driver="ESRI Shapefile")
    return folder


def test_malformed_json_names_the_line(world, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n {"type": oops}\n]}')

    assert _error(world, path) == "Line 3: not valid JSON."
    record = BoundaryImport.objects.get()
    assert (record.status, record.failure_text) == ("failed", "Line 3: not valid JSON.")


def test_a_file_over_the_limit_is_refused_before_it_is_stored(world, tmp_path, settings):
    settings.MAX_UPLOAD_BYTES = 50 * 1024 * 1024
    path = tmp_path / "big.geojson"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)

    assert _error(world, path) == "The file is larger than 50 MB."
    assert not BoundaryImport.objects.exists()


def test_an_unknown_extension_is_refused(world, tmp_path):
    path = tmp_path / "boundaries.csv"
    path.write_text("a,b\n1,2\n")

    assert "is not a boundary file" in _error(world, path)


def test_a_zip_without_a_shapefile_is_refused(world, tmp_path):
    path = tmp_path / "nothing.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no shapes here")

    assert _error(world, path) == "The zip holds no .shp file."


def test_a_shapefile_without_its_dbf_is_refused(world, tmp_path, shapefile_folder):
    path = tmp_path / "partial.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for ext in ("shp", "shx", "prj"):
            archive.write(shapefile_folder / f"c.{ext}", f"c.{ext}")

    assert _error(world, path) == "“c.shp” in the zip lacks its .dbf file."


@pytest.mark.parametrize("entry", ["../../etc/evil.shp", "/tmp/evil.shp", "a/../../evil.shp"])
def test_a_zip_with_an_escaping_path_is_refused(world, tmp_path, entry):
    path = tmp_path / "slip.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(entry, b"x")

    assert "unsafe path" in _error(world, path)


def test_a_zip_that_unpacks_beyond_the_cap_is_refused(world, tmp_path, monkeypatch):
    monkeypatch.setattr(geo_io, "ZIP_MAX_UNCOMPRESSED", 1024 * 1024)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("c.dbf", b"\0" * (2 * 1024 * 1024))
        archive.writestr("nested.zip", b"\0" * 10)

    assert path.stat().st_size < 20 * 1024
    assert _error(world, path) == "The zip unpacks to more than 1 MB."


def test_a_fake_geopackage_is_refused(world, tmp_path):
    path = tmp_path / "fake.gpkg"
    path.write_text("not a database")

    assert _error(world, path) == "The file is not a valid GeoPackage."


def test_an_officer_cannot_upload_into_another_district(world, tmp_path, shapefile_folder):
    path = tmp_path / "c.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in shapefile_folder.iterdir():
            archive.write(file, file.name)

    with pytest.raises(PermissionDenied):
        _upload(world, path, user=world.pathum_wan_officer)
    assert not BoundaryImport.objects.exists()


def test_a_gdal_virtual_file_posing_as_geojson_is_never_opened(world, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("name\nTOP-SECRET\n")
    path = tmp_path / "innocent.geojson"
    path.write_text(
        f"<OGRVRTDataSource><OGRVRTLayer name='x'><SrcDataSource>{secret}</SrcDataSource>"
        "</OGRVRTLayer></OGRVRTDataSource>"
    )

    assert _error(world, path) == "The file is not valid GeoJSON."
    assert "TOP-SECRET" not in str(BoundaryImport.objects.values_list("inspection", "failure"))


def test_a_shp_entry_that_is_not_a_shapefile_is_refused(world, tmp_path):
    path = tmp_path / "fake.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for ext in ("shp", "shx", "dbf"):
            archive.writestr(f"c.{ext}", "<OGRVRTDataSource></OGRVRTDataSource>")

    assert _error(world, path) == "“c.shp” in the zip is not a Shapefile."


def test_xml_that_is_not_kml_is_refused(world, tmp_path):
    path = tmp_path / "other.kml"
    path.write_text("<?xml version='1.0'?><OGRVRTDataSource></OGRVRTDataSource>")

    assert _error(world, path) == "The file is XML but not KML."
