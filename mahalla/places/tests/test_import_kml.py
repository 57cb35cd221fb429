"""KML: imported through GDAL's KML driver; broken or hostile XML gives a clear error."""

from __future__ import annotations

import pytest
from django.conf import settings

from mahalla.places.boundary_imports.service import BoundaryFileError
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, import_file, upload, write_layer

pytestmark = pytest.mark.django_db

KML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
PLACEMARK = (
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>{name}</name>'
    "<Point><coordinates>100.55,13.71</coordinates></Point></Placemark></Document></kml>"
)


def _upload(world, path):
    from mahalla.places.boundary_imports.service import boundary_import_upload

    return boundary_import_upload(
        user=world.admin, parent=world.khlong_toei, uploaded_file=upload(path)
    )


def test_kml_with_extended_data_is_imported(world, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "communities.kml", geometries, properties, driver="KML")

    # KML keeps a feature's name in its <name> element, which GDAL calls "Name".
    boundary_import = import_file(
        world, path, name_en_field="Name", name_th_field="name_th", name_fa_field="name_fa"
    )

    assert boundary_import.status == BoundaryImport.Status.DONE, boundary_import.failure_text
    properties = boundary_import.inspection["layers"][0]["properties"]
    assert {"code", "Name", "name_th", "name_fa"} <= set(properties)
    assert "altitudeMode" not in properties
    area = Area.objects.get(parent=world.khlong_toei, code="KT-103")
    assert (area.name_en, area.name_th, area.name_fa) == ("Klong Toey Nai", "คลองเตยใน", "محله سه")
    assert area.geometry_kind == "polygon"


def test_malformed_xml_names_the_line_and_keeps_a_failed_record(world, tmp_path):
    path = tmp_path / "broken.kml"
    path.write_text(KML_HEAD + '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n'
                    "<Placemark><name>a</nam></Placemark></Document></kml>")  # fmt: skip

    with pytest.raises(BoundaryFileError) as error:
        _upload(world, path)

    assert error.value.message == "Line 4: not well-formed XML."
    record = BoundaryImport.objects.get()
    assert record.status == BoundaryImport.Status.FAILED
    assert record.failure_text == "Line 4: not well-formed XML."
    # The raw file was stored before it was read, and deleted once refused: nothing of a
    # refused upload stays on the disk.
    assert not record.file
    assert not list((settings.MEDIA_ROOT / "imports").rglob("broken*.kml"))


def test_external_entity_is_refused_and_never_read(world, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "xxe.kml"
    path.write_text(
        KML_HEAD
        + f'<!DOCTYPE kml [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
        + PLACEMARK.format(name="&xxe;")
    )

    with pytest.raises(BoundaryFileError) as error:
        _upload(world, path)

    assert "document type or entities" in error.value.message
    assert "TOP-SECRET" not in str(BoundaryImport.objects.values_list("inspection", "failure"))


def test_billion_laughs_is_refused_quickly(world, tmp_path):
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    path = tmp_path / "laughs.kml"
    path.write_text(
        KML_HEAD
        + "<!DOCTYPE kml [\n"
        + "\n".join(entities)
        + "\n]>\n"
        + PLACEMARK.format(name="&lol9;")
    )

    with pytest.raises(BoundaryFileError) as error:
        _upload(world, path)

    assert "document type or entities" in error.value.message
    assert BoundaryImport.objects.get().status == BoundaryImport.Status.FAILED
