"""Thai and Persian Shapefiles that do not declare their text encoding import with real names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from shapely.geometry import box

from mahalla.places.boundary_imports.service import boundary_import_start
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import import_file, upload_file, write_encoded_shapefile_zip

pytestmark = pytest.mark.django_db

# Inside Khlong Toei (100.54..100.60, 13.69..13.74); the files hold them in UTM zone 47N.
THAI_ROWS = [
    ("KT-201", "คลองเตย", box(100.545, 13.705, 100.55, 13.71)),
    ("KT-202", "ล็อค 4-5-6", box(100.55, 13.705, 100.555, 13.71)),
    ("KT-203", "ชุมชนพัฒนาใหม่", box(100.56, 13.712, 100.565, 13.718)),
]
# Inside Chabahar (60.5..60.8, 25.2..25.5), held in UTM zone 41N. Windows-1256 has no Persian
# yeh, so the file stores ی as the Arabic ي, as Iranian files do.
PERSIAN_ROWS = [
    ("CB-1", "مرادآباد", box(60.60, 25.28, 60.61, 25.29)),
    ("CB-2", "تيس", box(60.61, 25.28, 60.62, 25.29)),
    ("CB-3", "کوي پليس", box(60.62, 25.29, 60.63, 25.30)),
]
PERSIAN_NAMES = {"CB-1": "مرادآباد", "CB-2": "تیس", "CB-3": "کوی پلیس"}


def _thai_zip(tmp_path, **options):
    options.setdefault("encoding", "cp874")
    return write_encoded_shapefile_zip(
        tmp_path / "districts", THAI_ROWS, name_field="ชื่อ", crs="EPSG:32647", **options
    )


def _dbf_ldid(zip_path) -> int:
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        assert "areas.cpg" not in archive.namelist()
        return archive.read("areas.dbf")[29]


def _assert_inside(area: Area, expected: box, container: Area) -> None:
    assert area.bbox == pytest.approx(expected.bounds, abs=1e-6)
    min_x, min_y, max_x, max_y = container.bbox
    assert min_x <= area.bbox[0] <= area.bbox[2] <= max_x
    assert min_y <= area.bbox[1] <= area.bbox[3] <= max_y


def test_a_thai_shapefile_without_cpg_imports_with_its_thai_names(world, tmp_path):
    path = _thai_zip(tmp_path)
    assert _dbf_ldid(path) == 0

    result = import_file(world, path, code_field="code", name_th_field="ชื่อ")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    layer = result.inspection["layers"][0]
    assert (layer["encoding"], layer["encoding_guessed"]) == ("cp874", True)
    assert layer["properties"] == ["code", "ชื่อ"]
    assert result.created_count == 3
    for code, name, lonlat in THAI_ROWS:
        area = Area.objects.get(parent=world.khlong_toei, code=code)
        assert area.name_th == name
        _assert_inside(area, lonlat, world.bangkok)


def test_a_persian_shapefile_without_cpg_imports_with_persian_letters(world, tmp_path):
    path = write_encoded_shapefile_zip(
        tmp_path / "mahalleh", PERSIAN_ROWS, name_field="نام", encoding="cp1256", crs="EPSG:32641"
    )
    assert _dbf_ldid(path) == 0

    result = import_file(
        world, path, parent=world.chabahar, level=world.neighbourhood,
        code_field="code", name_fa_field="نام",
    )  # fmt: skip

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    assert result.inspection["layers"][0]["encoding"] == "cp1256"
    assert result.inspection["layers"][0]["properties"] == ["code", "نام"]
    areas = {a.code: a for a in Area.objects.filter(parent=world.chabahar, code__startswith="CB-")}
    assert {code: a.name_fa for code, a in areas.items()} == PERSIAN_NAMES
    for code, _name, lonlat in PERSIAN_ROWS:
        _assert_inside(areas[code], lonlat, world.chabahar)


@pytest.mark.filterwarnings("ignore:Could not decode error message")  # GDAL cuts the field name
def test_a_utf8_shapefile_without_cpg_still_imports(world, tmp_path):
    path = _thai_zip(tmp_path, encoding="UTF-8")

    # ชื่อ is 12 bytes in UTF-8: the DBF keeps 10, cutting its last letter in half.
    result = import_file(world, path, code_field="code", name_th_field="ชื่")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    assert result.inspection["layers"][0]["encoding"] == "utf-8"
    assert result.inspection["layers"][0]["properties"] == ["code", "ชื่"]
    assert Area.objects.get(code="KT-203").name_th == "ชุมชนพัฒนาใหม่"


def test_a_shapefile_whose_cpg_declares_cp874_is_read_as_declared(world, tmp_path):
    path = _thai_zip(tmp_path, keep_cpg=True)

    result = import_file(world, path, code_field="code", name_th_field="ชื่อ")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    layer = result.inspection["layers"][0]
    assert "encoding_guessed" not in layer
    assert layer["properties"] == ["code", "ชื่อ"]
    assert Area.objects.get(code="KT-201").name_th == "คลองเตย"


def test_a_declared_encoding_cannot_be_overridden(world, tmp_path):
    uploaded = upload_file(world, _thai_zip(tmp_path, keep_cpg=True))

    with pytest.raises(ValidationError) as error:
        boundary_import_start(
            boundary_import=uploaded, user=world.admin, level=world.community,
            code_field="code", name_th_field="ชื่อ", encoding="latin1",
        )  # fmt: skip

    assert error.value.message_dict == {
        "encoding": ["The text encoding of this file cannot be chosen."]
    }
    assert not Area.objects.filter(code__startswith="KT-2").exists()
