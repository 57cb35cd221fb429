"""Boundary import through the pages: upload, map the properties, follow it, read the result."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from mahalla.places.models import Area, BoundaryImport

FEATURES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": "KT-77", "name_th": "ชุมชนวัดคลองเตยใน", "name_en": "Wat KT"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[100.57, 13.715], [100.58, 13.715], [100.58, 13.725], [100.57, 13.715]]
                ],
            },
        }
    ],
}


def _geojson(name: str = "communities.geojson") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, json.dumps(FEATURES).encode(), content_type="application/geo+json"
    )


def _new_url(area: Area) -> str:
    return reverse("places:boundary_import_new", kwargs={"pk": area.pk})


def _detail_url(boundary_import: BoundaryImport) -> str:
    return reverse("places:boundary_import_detail", kwargs={"pk": boundary_import.pk})


@pytest.fixture
def uploaded(world, login):
    client = login(world.khlong_toei_officer)
    response = client.post(_new_url(world.khlong_toei), {"file": _geojson()})
    assert response.status_code == 302
    return client, BoundaryImport.objects.get()


def test_anonymous_visitor_is_sent_to_log_in(world, login):
    assert login().get(_new_url(world.khlong_toei)).status_code == 302


def test_upload_page_has_a_file_input_for_boundary_formats(world, login):
    response = login(world.khlong_toei_officer).get(_new_url(world.khlong_toei))
    assert response.status_code == 200
    assert 'accept=".geojson,.json,.gpkg,.zip,.kml"' in response.content.decode()


def test_out_of_scope_officer_gets_404(world, login):
    assert login(world.pathum_wan_officer).get(_new_url(world.khlong_toei)).status_code == 404


def test_treasurer_may_not_import(world, login):
    assert login(world.treasurer).get(_new_url(world.lock_123)).status_code == 404


def test_wrong_file_shows_the_translated_message_next_to_the_field(world, login):
    from mahalla.places.boundary_imports.service import BoundaryFileError, boundary_import_upload

    broken = b"this is not a boundary file"
    with translation.override("th"), pytest.raises(BoundaryFileError) as expected:
        boundary_import_upload(
            user=world.khlong_toei_officer,
            parent=world.khlong_toei,
            uploaded_file=SimpleUploadedFile("notes.txt", broken),
        )
    client = login(world.khlong_toei_officer)
    response = client.post(
        _new_url(world.khlong_toei),
        {"file": SimpleUploadedFile("notes.txt", broken)},
        headers={"accept-language": "th"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="errorlist"' in content
    with translation.override("th"):
        sentence = expected.value.message  # the sentence in Thai, not the message's code
    assert sentence in content
    assert "places.file_not_boundary" not in content
    assert not BoundaryImport.objects.exists()


def test_missing_file_is_a_field_error(world, login):
    response = login(world.khlong_toei_officer).post(_new_url(world.khlong_toei), {})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def test_upload_leads_to_the_mapping_form_with_the_files_properties(world, uploaded):
    client, boundary_import = uploaded
    response = client.get(_detail_url(boundary_import))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="code_field"' in content
    assert '<option value="name_th"' in content
    assert f'<option value="{world.community.pk}"' in content
    # The province level sits above Khlong Toei and cannot be imported beneath it.
    assert f'<option value="{world.province.pk}"' not in content


def test_mapping_without_any_name_property_is_refused(world, uploaded):
    client, boundary_import = uploaded
    response = client.post(
        _detail_url(boundary_import), {"level": world.community.pk, "code_field": "code"}
    )
    assert response.status_code == 200
    assert "Choose the property that holds the name in one language." in response.content.decode()


def test_mapping_without_a_level_is_a_field_error(world, uploaded):
    client, boundary_import = uploaded
    response = client.post(_detail_url(boundary_import), {"name_th_field": "name_th"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_service_errors_are_shown_next_to_the_fields_they_name(world, uploaded, monkeypatch):
    from mahalla.places.boundary_imports import service as imports

    def refuse(**kwargs):
        raise ValidationError({"code_field": "Feature 3 has no code."})

    monkeypatch.setattr(imports, "boundary_import_start", refuse)
    client, boundary_import = uploaded
    response = client.post(
        _detail_url(boundary_import),
        {"level": world.community.pk, "code_field": "code", "name_th_field": "name_th"},
    )
    assert response.status_code == 200
    assert "Feature 3 has no code." in response.content.decode()


def test_full_import_creates_the_community_and_shows_the_result(world, uploaded):
    client, boundary_import = uploaded
    response = client.post(
        _detail_url(boundary_import),
        {
            "level": world.community.pk,
            "code_field": "code",
            "name_th_field": "name_th",
            "name_en_field": "name_en",
        },
    )
    assert response.status_code == 302
    preview = client.get(_detail_url(boundary_import))
    assert preview.status_code == 302  # the plan waits on its preview
    assert not Area.objects.filter(code="KT-77").exists()
    write = reverse("places:boundary_import_write", kwargs={"pk": boundary_import.pk})
    assert client.post(write).status_code == 302
    page = client.get(_detail_url(boundary_import), headers={"accept-language": "en"})
    content = page.content.decode()
    assert 'data-status="done"' in content
    assert "hx-trigger" not in content
    assert page.context["boundary_import"].created_count == 1
    new = Area.objects.get(parent=world.khlong_toei, code="KT-77")
    assert new.name_th == "ชุมชนวัดคลองเตยใน"
    detail = client.get(reverse("places:area_detail", kwargs={"pk": world.khlong_toei.pk}))
    assert "Wat KT" in detail.content.decode()
    assert "communities.geojson" in detail.content.decode()  # among recent imports


def test_running_import_polls_for_progress(world, login):
    boundary_import = BoundaryImport.objects.create(
        parent=world.khlong_toei,
        level=world.community,
        file="imports/boundaries/x.geojson",
        original_name="x.geojson",
        status=BoundaryImport.Status.RUNNING,
        total=10,
        processed=4,
    )
    client = login(world.khlong_toei_officer)
    url = reverse("places:boundary_import_progress", kwargs={"pk": boundary_import.pk})
    content = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in content
    assert f'hx-get="{url}"' in content
    assert '<progress max="10" value="4"' in content

    BoundaryImport.objects.filter(pk=boundary_import.pk).update(
        status=BoundaryImport.Status.FAILED,
        failure={"code": "core.text", "params": {"text": "The file could not be read."}},
    )
    content = client.get(url).content.decode()
    assert "hx-trigger" not in content
    assert "The file could not be read." in content


def test_imports_of_other_districts_are_404(world, uploaded, login):
    _client, boundary_import = uploaded
    other = login(world.pathum_wan_officer)
    assert other.get(_detail_url(boundary_import)).status_code == 404
    progress = reverse("places:boundary_import_progress", kwargs={"pk": boundary_import.pk})
    assert other.get(progress).status_code == 404


def test_import_pages_need_login(world, uploaded, login):
    _client, boundary_import = uploaded
    anonymous = login()
    progress = reverse("places:boundary_import_progress", kwargs={"pk": boundary_import.pk})
    for url in (_detail_url(boundary_import), progress):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
