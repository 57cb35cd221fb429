"""On the mapping page the uploader sees the guessed text encoding and can choose another."""

from __future__ import annotations

import pytest
from django.urls import reverse
from shapely.geometry import box

from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import write_encoded_shapefile_zip

pytestmark = pytest.mark.django_db

ROWS = [
    ("KT-301", "คลองเตย", box(100.545, 13.705, 100.55, 13.71)),
    ("KT-302", "ชุมชนริมคลอง", box(100.55, 13.705, 100.555, 13.71)),
]


@pytest.fixture
def mapping_page(world, login, tmp_path):
    path = write_encoded_shapefile_zip(
        tmp_path / "thai", ROWS, name_field="ชื่อ", encoding="cp874", crs="EPSG:32647"
    )
    client = login(world.khlong_toei_officer)
    upload_url = reverse("places:boundary_import_new", kwargs={"pk": world.khlong_toei.pk})
    with path.open("rb") as stream:
        assert client.post(upload_url, {"file": stream}).status_code == 302
    boundary_import = BoundaryImport.objects.get()
    return client, reverse("places:boundary_import_detail", kwargs={"pk": boundary_import.pk})


def _post(world, client, url, encoding):
    data = {"level": world.community.pk, "code_field": "code", "name_th_field": "ชื่อ"}
    response = client.post(url, {**data, "encoding": encoding})
    assert response.status_code == 302, response.content.decode()
    boundary_import = BoundaryImport.objects.get()
    write = reverse("places:boundary_import_write", kwargs={"pk": boundary_import.pk})
    assert client.post(write).status_code == 302
    return BoundaryImport.objects.get()


def test_the_page_says_the_encoding_was_guessed_and_offers_the_choice(world, mapping_page):
    client, url = mapping_page

    page = client.get(url).content.decode()

    assert "Text encoding not declared in the file; read as Thai (TIS-620)." in page
    assert '<option value="cp874" selected>Thai (TIS-620)</option>' in page
    assert '<option value="ชื่อ">ชื่อ</option>' in page


def test_the_thai_page_says_it_in_thai(world, mapping_page):
    client, url = mapping_page
    client.post(reverse("set_language"), {"language": "th"})

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()

    assert "ไฟล์ไม่ได้ระบุการเข้ารหัสข้อความ จึงอ่านเป็น ภาษาไทย (TIS-620)" in page
    assert "read as" not in page


def test_choosing_latin1_keeps_the_bytes_as_latin1_letters(world, mapping_page):
    client, url = mapping_page

    result = _post(world, client, url, "latin1")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    assert result.encoding == "latin1"
    assert Area.objects.get(code="KT-301").name_th == "คลองเตย".encode("cp874").decode("latin1")
    detail = client.get(url).content.decode()
    assert "Western European (ISO-8859-1)" in detail


def test_choosing_thai_gives_the_thai_names(world, mapping_page):
    client, url = mapping_page

    result = _post(world, client, url, "cp874")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    names = dict(Area.objects.filter(code__startswith="KT-3").values_list("code", "name_th"))
    assert names == {"KT-301": "คลองเตย", "KT-302": "ชุมชนริมคลอง"}


def test_a_geojson_upload_offers_no_encoding_choice(world, login, tmp_path):
    from mahalla.places.tests.geo_files import community_columns, upload_file, write_layer

    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    boundary_import = upload_file(world, path)
    url = reverse("places:boundary_import_detail", kwargs={"pk": boundary_import.pk})

    page = login(world.admin).get(url).content.decode()

    assert 'name="code_field"' in page
    assert 'name="encoding"' not in page
    assert "not declared" not in page
