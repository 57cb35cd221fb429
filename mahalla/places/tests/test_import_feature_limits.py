"""Feature limits: per file at upload (before reading the features), per job in the job."""

from __future__ import annotations

import pyogrio
import pytest
from django.urls import reverse
from django.utils import translation

from mahalla.places.boundary_imports import property_samples
from mahalla.places.boundary_imports.service import BoundaryFileError
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.check_files import point
from mahalla.places.tests.geo_files import start_and_write, upload_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_points(tmp_path):
    return write_layer(
        tmp_path / "five.geojson",
        [point(100.55 + i * 0.005, 13.70) for i in range(5)],
        {"code": [f"LM-{i}" for i in range(5)], "name": [f"Point {i}" for i in range(5)]},
        driver="GeoJSON",
    )


def test_a_file_over_the_limit_is_refused_before_its_features_are_read(
    world, five_points, settings, monkeypatch
):
    settings.IMPORT_MAX_FEATURES = 4

    def must_not_read(*args, **kwargs):
        raise AssertionError("the features were read")

    monkeypatch.setattr(pyogrio.raw, "read", must_not_read)
    with pytest.raises(BoundaryFileError) as error:
        upload_file(world, five_points)

    assert error.value.message == (
        "The file holds 5 features; one file may hold at most 4. Split it into smaller files "
        "(for example one per district) and upload them one by one."
    )
    refused = BoundaryImport.objects.get()
    assert (refused.status, refused.file.name) == (BoundaryImport.Status.FAILED, "")


def test_the_upload_page_names_the_count_and_the_limit_in_the_readers_digits(
    world, five_points, settings, login
):
    settings.IMPORT_MAX_FEATURES = 4
    client = login(world.khlong_toei_officer)
    url = reverse("places:boundary_import_new", kwargs={"pk": world.khlong_toei.pk})

    # The request switches the thread to Persian; the override switches it back afterwards.
    with translation.override("en"), five_points.open("rb") as stream:
        page = client.post(url, {"file": stream}, HTTP_ACCEPT_LANGUAGE="fa")

    assert page.status_code == 200
    html = page.content.decode()
    error = html.split('<ul class="errorlist"')[1].split("</ul>")[0]
    assert "۵" in error and "۴" in error
    assert not any(digit in error for digit in "45")


def test_the_job_checks_its_own_limit_for_a_file_inspected_under_a_higher_one(
    world, five_points, settings
):
    uploaded = upload_file(world, five_points)
    settings.IMPORT_MAX_FEATURES_PER_JOB = 3

    result = start_and_write(
        boundary_import=uploaded,
        user=world.admin,
        level=world.community,
        code_field="code",
        name_en_field="name",
    )

    assert result.status == BoundaryImport.Status.FAILED
    assert result.failure_text == (
        "The layer holds 5 features; one import may read at most 3. Split the file into smaller "
        "files and import them one by one."
    )
    assert not Area.objects.filter(code__startswith="LM-").exists()


def test_long_texts_and_many_properties_are_cut_in_the_inspection(world, tmp_path, monkeypatch):
    monkeypatch.setattr(property_samples, "MAX_PROPERTIES", 3)
    long_name = "ชุมชน" + "ก" * 200
    path = write_layer(
        tmp_path / "wide.geojson",
        [point(100.55, 13.70)],
        {"code": ["W-1"], "name": [long_name], "a": ["1"], "b": ["2"], "c": ["3"]},
        driver="GeoJSON",
    )

    layer = upload_file(world, path).inspection["layers"][0]

    assert layer["properties"] == ["code", "name", "a"]
    assert layer["properties_left_out"] == 2
    (sample,) = layer["property_info"]["name"]["samples"]
    assert len(sample) == property_samples.MAX_SAMPLE_CHARS
    assert sample.endswith("…") and long_name.startswith(sample[:-1])
