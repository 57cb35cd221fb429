"""The write refuses a plan that no longer describes the places, and offers to make it again."""

from __future__ import annotations

import pytest
from django.urls import reverse
from shapely.geometry import box

from mahalla.places.boundary_imports.preview import boundary_import_confirm, boundary_import_replan
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.services import area_update
from mahalla.places.tests.geo_files import (
    COMMUNITIES,
    community_columns,
    import_file,
    plan_file,
    write_layer,
)

pytestmark = pytest.mark.django_db

DRIFT = (
    "Nothing was written: 1 of the places in the plan changed since it was made (the first is "
    "feature 1), by a hand edit or another import. Make the plan again and check it."
)


@pytest.fixture
def renamed_plan(world, tmp_path):
    geometries, properties = community_columns()
    import_file(
        world, write_layer(tmp_path / "a.geojson", geometries, properties, driver="GeoJSON")
    )
    rows = list(COMMUNITIES)
    rows[0] = ("KT-101", "Lock 4-5-6 renamed", *rows[0][2:])
    geometries, properties = community_columns(rows)
    path = write_layer(tmp_path / "b.geojson", geometries, properties, driver="GeoJSON")
    return plan_file(world, path)


def test_a_place_edited_by_hand_since_the_plan_refuses_the_write(world, renamed_plan, login):
    area = Area.objects.get(code="KT-101")
    area_update(area=area, name_th="ล็อค 4-5-6 (แก้ไข)", reason="corrected by hand")

    result = boundary_import_confirm(boundary_import=renamed_plan, user=world.admin)

    assert result.status == BoundaryImport.Status.FAILED
    assert result.failure_text == DRIFT
    area.refresh_from_db()
    assert area.name_en == "Lock 4-5-6"  # nothing of the plan was written
    page = login(world.khlong_toei_officer).get(
        reverse("places:boundary_import_detail", kwargs={"pk": result.pk})
    )
    content = page.content.decode()
    assert "Make the plan again" in content
    assert "Write the changes again" not in content


def test_a_place_another_import_created_meanwhile_refuses_the_write(world, tmp_path):
    path = write_layer(
        tmp_path / "new.geojson",
        [box(100.57, 13.72, 100.575, 13.725)],
        {"code": ["KT-900"], "name": ["Bon Kai"]},
        driver="GeoJSON",
    )
    first = plan_file(world, path, name_en_field="name")
    second = import_file(world, path, name_en_field="name")
    assert second.is_written

    result = boundary_import_confirm(boundary_import=first, user=world.admin)

    assert result.status == BoundaryImport.Status.FAILED
    assert result.failure["code"] == "places.plan_drift"
    assert Area.objects.filter(code="KT-900").count() == 1


def test_making_the_plan_again_shows_the_new_state_and_then_writes(world, renamed_plan):
    area = Area.objects.get(code="KT-101")
    area_update(area=area, name_th="ล็อค 4-5-6 (แก้ไข)", reason="corrected by hand")
    refused = boundary_import_confirm(boundary_import=renamed_plan, user=world.admin)

    replanned = boundary_import_replan(boundary_import=refused, user=world.admin)

    assert replanned.awaiting_confirmation
    row = replanned.plan_rows.get()
    assert row.changes["name_th"] == ["ล็อค 4-5-6 (แก้ไข)", "ล็อค 4-5-6"]
    written = boundary_import_confirm(boundary_import=replanned, user=world.admin)
    assert written.is_written, written.failure_text
    area.refresh_from_db()
    assert area.name_en == "Lock 4-5-6 renamed"
