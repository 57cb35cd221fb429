"""A file far from the parent: one notice that blocks the start until the uploader confirms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area
from mahalla.places.services import area_create
from mahalla.places.tests.check_files import square
from mahalla.places.tests.geo_files import start_and_write, upload_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def chabahar_file(tmp_path):
    # Two settlements of Chabahar, uploaded by mistake into Khlong Toei.
    return write_layer(
        tmp_path / "chabahar.geojson",
        [square(60.61, 25.29), square(60.62, 25.30)],
        {"code": ["CH-1", "CH-2"], "name_en": ["Moradabad East", "Moradabad West"]},
        driver="GeoJSON",
    )


def _start(world, boundary_import, **options):
    return start_and_write(
        boundary_import=boundary_import,
        user=world.admin,
        level=world.community,
        code_field="code",
        name_en_field="name_en",
        **options,
    )


def test_the_file_far_away_is_reported_once_with_its_distance(world, chabahar_file):
    uploaded = upload_file(world, chabahar_file)

    checks = uploaded.inspection["layers"][0]["checks"]
    assert [check["check"] for check in checks] == ["far"]
    text = render_text(checks[0]["message"])
    assert text.startswith(
        "The features lie outside Khlong Toei, even with latitude and longitude swapped: about "
    )
    distance = int(text.split("about ")[1].split(" km")[0].replace(",", ""))
    assert 3_500 < distance < 4_500  # Chabahar to Bangkok, as the crow flies


def test_the_start_is_refused_until_the_uploader_confirms(world, chabahar_file):
    uploaded = upload_file(world, chabahar_file)

    with pytest.raises(ValidationError) as error:
        _start(world, uploaded)

    assert error.value.message_dict["confirm_outside"] == [
        "The file lies outside Khlong Toei. Tick the box to import it all the same."
    ]
    assert not Area.objects.filter(code__startswith="CH-").exists()


def test_the_mapping_page_asks_for_the_confirmation(world, chabahar_file, login):
    uploaded = upload_file(world, chabahar_file)
    client = login(world.admin)
    url = reverse("places:boundary_import_detail", kwargs={"pk": uploaded.pk})

    html = client.get(url).content.decode()
    assert '<input type="checkbox" name="confirm_outside"' in html
    assert "The file lies outside Khlong Toei: import it all the same" in html

    data = {"level": world.community.pk, "code_field": "code", "name_en_field": "name_en"}
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Tick the box to import it all the same." in refused.content.decode()


def test_once_confirmed_and_kept_the_features_are_imported_and_flagged(world, chabahar_file):
    uploaded = upload_file(world, chabahar_file)

    result = _start(world, uploaded, confirm_outside=True, keep_outside=True)

    assert (result.created_count, result.flagged_count, result.rejected_count) == (2, 2, 0)
    assert {p["outcome"] for p in result.problems} == {"flagged"}


def test_a_parent_without_a_boundary_says_the_check_could_not_be_made(world, chabahar_file):
    office = area_create(level=world.district, parent=world.bangkok, name_en="Office zone")

    uploaded = upload_file(world, chabahar_file, parent=office)

    checks = uploaded.inspection["layers"][0]["checks"]
    assert [check["check"] for check in checks] == ["no_boundary"]
    assert render_text(checks[0]["message"]) == (
        "Office zone has no boundary, so the file could not be checked against it: the "
        "features are imported wherever they lie."
    )
    result = _start(world, uploaded)
    assert result.created_count == 2
