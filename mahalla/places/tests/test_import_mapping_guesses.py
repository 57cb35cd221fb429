"""The mapping step shows sample values and guesses columns from their names and script."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.places.forms import BoundaryMappingForm
from mahalla.places.tests.check_files import qgis_geojson, square
from mahalla.places.tests.geo_files import feature, upload_file, write_layer

pytestmark = pytest.mark.django_db


def _form(world, uploaded):
    return BoundaryMappingForm(inspection=uploaded.inspection, parent=uploaded.parent)


def _guessed(form):
    return {name: form.initial.get(name) for name in form.fields if name.endswith("_field")}


def _polygon(lon, lat):
    ring = [[lon, lat], [lon + 0.004, lat], [lon + 0.004, lat + 0.004], [lon, lat + 0.004]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@pytest.fixture
def hdx_districts(world, tmp_path):
    """Columns as in the admin-boundary files of HDX and the Thai open-data portal, exported
    from QGIS with a `crs` member."""
    features = [
        feature(
            {"ADM2_PCODE": code, "ADM2_EN": en, "pro_th": "กรุงเทพมหานคร", "amp_th": th, "note": ""},
            _polygon(lon, 13.70),
        )  # fmt: skip
        for code, en, th, lon in [
            ("TH1033", "Khlong Toei", "คลองเตย", 100.55),
            ("TH1039", "Watthana", "วัฒนา", 100.56),
        ]
    ]
    path = qgis_geojson(
        tmp_path / "districts.geojson", features, crs_name="urn:ogc:def:crs:OGC:1.3:CRS84"
    )
    return upload_file(world, path, parent=world.khlong_toei)


def test_common_column_names_are_guessed(world, hdx_districts):
    guessed = _guessed(_form(world, hdx_districts))

    assert guessed["code_field"] == "ADM2_PCODE"
    assert guessed["name_en_field"] == "ADM2_EN"
    # amp_th (the district's own name), not pro_th that repeats the province on every row.
    assert guessed["name_th_field"] == "amp_th"
    assert guessed["name_fa_field"] == ""
    assert "note" not in guessed.values()  # an empty column is never chosen


def test_a_thai_column_called_name_is_the_thai_name_not_the_english_one(world, tmp_path):
    path = write_layer(
        tmp_path / "thai-names.geojson",
        [square(100.55, 13.70), square(100.56, 13.71)],
        {"รหัส": ["501", "502"], "name": ["ชุมชนหนึ่ง", "ชุมชนสอง"], "blank": ["", ""]},
        driver="GeoJSON",
    )

    guessed = _guessed(_form(world, upload_file(world, path)))

    assert guessed["name_en_field"] == ""
    assert guessed["name_th_field"] == "name"
    assert guessed["code_field"] == "รหัส"


def test_persian_and_latin_columns_are_guessed_from_their_script(world, tmp_path):
    path = write_layer(
        tmp_path / "tehran.geojson",
        [square(51.42, 35.67), square(51.43, 35.68)],
        {"نام": ["بازار", "پامنار"], "label": ["Bazaar", "Pamenar"], "کد": ["1", "2"]},
        driver="GeoJSON",
    )

    guessed = _guessed(_form(world, upload_file(world, path, parent=world.tehran)))

    assert guessed["name_fa_field"] == "نام"
    assert guessed["name_en_field"] == "label"
    assert guessed["code_field"] == "کد"


def test_the_page_shows_three_examples_of_every_property(world, tmp_path, login):
    path = write_layer(
        tmp_path / "samples.geojson",
        [square(100.55 + i * 0.005, 13.70) for i in range(5)],
        {
            "code": ["A1", "A2", "A3", "A4", "A5"],
            "name_th": ["", "ชุมชนหนึ่ง", "ชุมชนหนึ่ง", "ชุมชนสอง", "ชุมชนสาม"],
            "remark": ["", "", "", "", ""],
        },
        driver="GeoJSON",
    )
    uploaded = upload_file(world, path)

    page = login(world.admin).get(
        reverse("places:boundary_import_detail", kwargs={"pk": uploaded.pk})
    )

    html = page.content.decode()
    assert "Properties of the file, with examples" in html
    row = html.split('<bdi dir="ltr">name_th</bdi>')[1].split("</tr>")[0]
    assert row.count('class="sample"') == 3  # the first three distinct, non-empty values
    assert "ชุมชนหนึ่ง" in row and "ชุมชนสาม" in row
    remark = html.split('<bdi dir="ltr">remark</bdi>')[1].split("</tr>")[0]
    assert "(empty)" in remark


def test_a_thai_shapefile_without_declared_encoding_gets_its_thai_name_guessed(world, tmp_path):
    from mahalla.places.tests.geo_files import write_encoded_shapefile_zip

    rows = [
        ("KT-301", "คลองเตย", square(100.545, 13.705)),
        ("KT-302", "ชุมชนริมคลอง", square(100.55, 13.705)),
    ]
    path = write_encoded_shapefile_zip(
        tmp_path / "thai", rows, name_field="ชื่อ", encoding="cp874", crs="EPSG:32647"
    )

    uploaded = upload_file(world, path)

    guessed = _guessed(_form(world, uploaded))
    assert guessed["name_th_field"] == "ชื่อ"
    assert guessed["code_field"] == "code"
    samples = uploaded.inspection["layers"][0]["property_info"]["ชื่อ"]["samples"]
    assert samples == ["คลองเตย", "ชุมชนริมคลอง"]
