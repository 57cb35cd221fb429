"""A UTM Shapefile without its .prj: one notice, the zone suggested, and a CRS to choose."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.check_files import square, utm_shapefile_without_prj
from mahalla.places.tests.geo_files import start_and_write, upload_file

pytestmark = pytest.mark.django_db

ROWS = [
    ("KT-501", "ชุมชนหนึ่ง", square(100.550, 13.700)),
    ("KT-502", "ชุมชนสอง", square(100.560, 13.710)),
]


@pytest.fixture
def uploaded(world, tmp_path):
    return upload_file(world, utm_shapefile_without_prj(tmp_path / "utm", ROWS))


def _start(world, uploaded, **options):
    return start_and_write(
        boundary_import=uploaded,
        user=world.admin,
        level=world.community,
        code_field="code",
        name_th_field="name_th",
        **options,
    )


def test_the_missing_coordinate_system_is_reported_once_with_the_zone_that_fits(world, uploaded):
    layer = uploaded.inspection["layers"][0]

    assert layer["crs"] == ""
    assert [check["check"] for check in layer["checks"]] == ["no_crs"]
    assert layer["checks"][0]["crs"] == "EPSG:32647"
    text = render_text(layer["checks"][0]["message"])
    assert text.startswith(
        "The file has no coordinate system and its coordinates are not longitude/latitude "
        "(they start at 667,616, 1,515,085)."
    )
    assert "Read as EPSG:32647, the UTM zone of Khlong Toei, the file falls inside" in text


def test_the_notice_is_in_the_readers_digits(world, uploaded):
    message = uploaded.inspection["layers"][0]["checks"][0]["message"]

    with translation.override("fa"):
        text = render_text(message)

    assert "۶۶۷٬۶۱۶" in text and "۱٬۵۱۵٬۰۸۵" in text
    assert "667" not in text


def test_the_mapping_page_offers_the_coordinate_system_prefilled(world, uploaded, login):
    page = login(world.admin).get(
        reverse("places:boundary_import_detail", kwargs={"pk": uploaded.pk})
    )

    html = page.content.decode()
    assert 'name="crs" value="EPSG:32647"' in html
    assert "The file has no coordinate system" in html


def test_starting_without_a_coordinate_system_is_refused_on_its_field(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded)

    assert error.value.message_dict["crs"] == [
        "The file has no coordinate system: give it, for example EPSG:32647."
    ]


def test_an_unknown_code_is_refused(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, crs="EPSG:99999")

    assert error.value.message_dict["crs"] == [
        "“EPSG:99999” is not a known coordinate system. Give an EPSG code, for example EPSG:32647."
    ]


def test_a_zone_that_puts_the_file_elsewhere_is_refused(world, uploaded):
    with pytest.raises(ValidationError) as error:
        _start(world, uploaded, crs="32639")  # Tehran's zone

    assert error.value.message_dict["crs"] == [
        "Read as EPSG:32639, the file lies outside Khlong Toei. Check the coordinate system."
    ]


def test_the_code_typed_in_persian_digits_is_used_by_the_job(world, uploaded):
    result = _start(world, uploaded, crs="۳۲۶۴۷")

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    assert result.crs == "EPSG:32647"
    assert result.created_count == 2
    area = Area.objects.get(code="KT-501")
    assert area.bbox == pytest.approx(ROWS[0][2].bounds, abs=1e-6)
