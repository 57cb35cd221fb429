"""The plan is shown before anything is written: counts, old and new values, page by page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from shapely.geometry import box

from mahalla.places.boundary_imports import preview as import_preview
from mahalla.places.models import Area, BoundaryImport, BoundaryImportRow
from mahalla.places.tests.geo_files import (
    COMMUNITIES,
    community_columns,
    import_file,
    plan_file,
    write_layer,
)

pytestmark = pytest.mark.django_db


def _preview_url(boundary_import: BoundaryImport, **query: str) -> str:
    url = reverse("places:boundary_import_preview", kwargs={"pk": boundary_import.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def imported(world, tmp_path):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    return import_file(world, path)


@pytest.fixture
def corrected_plan(world, imported, tmp_path):
    """A re-import that misspells one Thai name, moves one boundary and adds a community."""
    rows = list(COMMUNITIES)
    rows[0] = ("KT-101", "Lock 4-5-6", "ล็อก 456", "محله یک", rows[0][4])
    rows[2] = (*rows[2][:4], box(100.56, 13.712, 100.566, 13.718))
    rows.append(("KT-104", "Bon Kai", "บ่อนไก่", "محله چهار", box(100.57, 13.72, 100.575, 13.725)))
    geometries, properties = community_columns(rows)
    path = write_layer(tmp_path / "fixed.geojson", geometries, properties, driver="GeoJSON")
    return plan_file(world, path)


def test_the_plan_job_writes_nothing_and_waits_for_confirmation(world, corrected_plan):
    assert corrected_plan.awaiting_confirmation
    assert Area.objects.get(code="KT-101").name_th == "ล็อค 4-5-6"
    assert not Area.objects.filter(code="KT-104").exists()
    assert (corrected_plan.created_count, corrected_plan.updated_count) == (1, 2)
    assert corrected_plan.unchanged_count == 1
    stored = dict(corrected_plan.plan_rows.values_list("feature", "action"))
    assert stored == {0: "update", 2: "update", 3: "create"}


def test_the_preview_shows_old_and_new_thai_names_side_by_side(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)

    response = client.get(_preview_url(corrected_plan), headers={"accept-language": "en"})

    content = response.content.decode()
    assert response.status_code == 200
    assert '<dd class="tally-created">1</dd>' in content
    assert '<dd class="tally-updated">2</dd>' in content
    assert '<dd class="tally-unchanged">1</dd>' in content
    assert '<dd class="tally-rejected">0</dd>' in content
    assert "<del><bdi>ล็อค 4-5-6</bdi></del>" in content
    assert "<ins><bdi>ล็อก 456</bdi></ins>" in content
    area = Area.objects.get(code="KT-101")
    assert f'href="/places/{area.pk}/"' in content
    assert "Write these changes" in content
    assert "Back to the mapping" in content


def test_the_boundary_change_shows_the_area_before_and_after(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)

    content = client.get(_preview_url(corrected_plan, show="boundary")).content.decode()

    row = BoundaryImportRow.objects.get(boundary_import=corrected_plan, boundary_changed=True)
    assert row.feature == 2
    assert row.area_change_percent == pytest.approx(20.0, abs=0.1)
    assert '<tr class="boundary-change">' in content
    assert "(+20.0%)" in content
    assert "ล็อก 456" not in content  # the names-only change is filtered out


def test_the_preview_is_in_persian_digits_for_a_persian_reader(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "fa"})

    content = client.get(_preview_url(corrected_plan)).content.decode()

    assert '<dd class="tally-updated">۲</dd>' in content
    assert "(+۲۰٫۰%)" in content


def test_all_changed_rows_are_listed_page_by_page(world, tmp_path, login,
                                                  django_assert_max_num_queries):  # fmt: skip
    rows = [
        (f"KT-5{i:02d}", f"Place {i}", f"ที่ {i}", "", box(100.541 + i * 0.0005, 13.70,
                                                          100.5413 + i * 0.0005, 13.7003))
        for i in range(60)
    ]  # fmt: skip
    geometries, properties = community_columns(rows)
    path = write_layer(tmp_path / "many.geojson", geometries, properties, driver="GeoJSON")
    import_file(world, path)
    renamed = [(code, f"{en} (new)", th, fa, geom) for code, en, th, fa, geom in rows]
    geometries, properties = community_columns(renamed)
    path = write_layer(tmp_path / "renamed.geojson", geometries, properties, driver="GeoJSON")
    planned = plan_file(world, path)
    client = login(world.khlong_toei_officer)

    with django_assert_max_num_queries(8):
        first = client.get(_preview_url(planned, show="names")).content.decode()
    second = client.get(_preview_url(planned, show="names", page="2")).content.decode()

    assert first.count('class="plan-row plan-update"') == 50
    assert second.count('class="plan-row plan-update"') == 10
    assert "Place 59 (new)" in second and "Place 59 (new)" not in first
    assert "Page 1 of 2" in first


def test_writing_applies_exactly_the_stored_plan(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)

    response = client.post(
        reverse("places:boundary_import_write", kwargs={"pk": corrected_plan.pk})
    )

    assert response.status_code == 302
    corrected_plan.refresh_from_db()
    assert corrected_plan.is_written, corrected_plan.failure_text
    assert (corrected_plan.created_count, corrected_plan.updated_count) == (1, 2)
    assert Area.objects.get(code="KT-101").name_th == "ล็อก 456"
    assert Area.objects.get(code="KT-104").name_th == "บ่อนไก่"


def test_back_to_the_mapping_drops_the_plan_and_keeps_the_choices(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)

    client.post(reverse("places:boundary_import_back", kwargs={"pk": corrected_plan.pk}))

    corrected_plan.refresh_from_db()
    assert corrected_plan.status == BoundaryImport.Status.UPLOADED
    assert not corrected_plan.plan_rows.exists()
    page = client.get(reverse("places:boundary_import_detail", kwargs={"pk": corrected_plan.pk}))
    assert page.context["form"].initial["name_th_field"] == "name_th"
    assert Area.objects.get(code="KT-101").name_th == "ล็อค 4-5-6"


def test_cancel_writes_nothing_and_deletes_the_file(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)
    stored = corrected_plan.file.name

    response = client.post(
        reverse("places:boundary_import_cancel", kwargs={"pk": corrected_plan.pk})
    )

    assert response["Location"] == reverse(
        "places:area_detail", kwargs={"pk": world.khlong_toei.pk}
    )
    corrected_plan.refresh_from_db()
    assert corrected_plan.phase == BoundaryImport.Phase.CANCELLED
    assert not corrected_plan.file
    assert not corrected_plan.file.storage.exists(stored)
    assert not Area.objects.filter(code="KT-104").exists()
    with pytest.raises(Exception, match="no plan waiting"):
        import_preview.boundary_import_confirm(boundary_import=corrected_plan, user=world.admin)


def test_areas_in_the_preview_are_in_persian_digits(world, corrected_plan, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "fa", "next": "/"})

    html = client.get(_preview_url(corrected_plan)).content.decode()

    areas = re.findall(r"مساحت ([^ ]+) متر مربع", html)
    assert areas, "no area shown"
    assert all(not re.search(r"[0-9]", a) for a in areas), areas
