"""Tehran points with latitude and longitude swapped: one notice, and a swap the job applies."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mahalla.core.jobs.messages import render, render_text
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.check_files import TEHRAN_NEIGHBOURHOODS, tehran_points_swapped
from mahalla.places.tests.geo_files import start_and_write, upload_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(world, tmp_path):
    path = tehran_points_swapped(tmp_path / "tehran-neighbourhoods.geojson")
    return upload_file(world, path, parent=world.tehran)


def _start(world, uploaded, **options):
    return start_and_write(
        boundary_import=uploaded,
        user=world.admin,
        level=world.neighbourhood,
        code_field="code",
        name_fa_field="نام",
        name_en_field="name_en",
        **options,
    )


def test_the_swap_is_reported_once_for_the_whole_file(world, uploaded):
    checks = uploaded.inspection["layers"][0]["checks"]

    assert [check["check"] for check in checks] == ["swapped"]
    with translation.override("en"):
        shown = render_text(checks[0]["message"])
    assert shown == (
        "The features lie outside Tehran, but would lie inside it with latitude and longitude "
        "swapped: the file has them the wrong way round. “Swap latitude and longitude” is "
        "ticked below."
    )


def test_the_mapping_page_shows_the_notice_and_ticks_the_swap(world, uploaded, login):
    client = login(world.admin)
    url = reverse("places:boundary_import_detail", kwargs={"pk": uploaded.pk})

    page = client.get(url).content.decode()

    assert page.count('class="notice check-notice"') == 1
    assert "would lie inside it with latitude and longitude swapped" in page
    assert '<input type="checkbox" name="swap_axes"' in page
    assert "checked" in page.split('name="swap_axes"')[1].split(">")[0]


def test_with_the_swap_the_points_are_imported_where_they_belong(world, uploaded):
    result = _start(world, uploaded, swap_axes=True)

    assert result.status == BoundaryImport.Status.DONE, result.failure_text
    assert (result.created_count, result.rejected_count) == (len(TEHRAN_NEIGHBOURHOODS), 0)
    bazaar = Area.objects.get(code="12-01")
    assert bazaar.geometry_kind == Area.GeometryKind.POINT
    assert bazaar.geometry["coordinates"] == [51.42, 35.675]  # longitude first, inside Tehran
    assert bazaar.name_fa == "بازار"


def test_without_the_swap_every_point_is_rejected_with_its_spot(world, uploaded):
    result = _start(world, uploaded)

    assert result.created_count == 0
    assert result.rejected_count == len(TEHRAN_NEIGHBOURHOODS)
    first = result.problems[0]
    assert first["outcome"] == "rejected"
    with translation.override("fa"):
        html = render(first["message"], map_url="/places/1/")
    # The parent in the reader's language, the spot as a map link in the reader's digits.
    assert "<bdi>تهران</bdi>" in html
    assert (
        '<a href="/places/1/?spot=35.675000,51.420000#area-map" dir="ltr">۵۱٫۴۲۰۰۰, ۳۵٫۶۷۵۰۰</a>'
        in html
    )
