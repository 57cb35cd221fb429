"""Places without a code match by name AND location; namesakes elsewhere are other places."""

from __future__ import annotations

import pytest
from django.urls import reverse
from shapely.geometry import Point, box

from mahalla.places.boundary_imports.preview import (
    boundary_import_confirm,
    boundary_import_replan,
    plan_choose,
)
from mahalla.places.models import Area, BoundaryImportRow
from mahalla.places.services import area_create
from mahalla.places.tests.geo_files import import_file, plan_file, write_layer

pytestmark = pytest.mark.django_db

# Two municipal districts of Tehran, each with a neighbourhood called Darband.
D1 = box(51.40, 35.74, 51.45, 35.78)  # inside the test world's Tehran
D12 = box(51.40, 35.66, 51.45, 35.70)
DARBAND_D1 = box(51.42, 35.76, 51.425, 35.765)
DARBAND_D12 = box(51.42, 35.67, 51.425, 35.675)


@pytest.fixture
def tehran(world):
    district_1 = area_create(
        level=world.district, parent=world.tehran, code="1", name_en="District 1",
        name_fa="منطقه ۱", geometry=D1,
    )  # fmt: skip
    return {"1": district_1, "12": world.tehran_d12}


def _write(tmp_path, name, rows, *, parent_codes=None):
    properties = {"name": [r[0] for r in rows], "name_fa": [r[1] for r in rows]}
    if parent_codes:
        properties["district"] = parent_codes
    return write_layer(tmp_path / name, [r[2] for r in rows], properties, driver="GeoJSON")


def _import(world, path, **mapping):
    return import_file(
        world, path, parent=world.tehran, level=world.neighbourhood, code_field="",
        name_en_field="name", name_fa_field="name_fa", **mapping,
    )  # fmt: skip


def test_two_darbands_in_different_districts_are_two_places(world, tehran, tmp_path):
    rows = [("Darband", "دربند", DARBAND_D1), ("Darband", "دربند", DARBAND_D12)]
    path = _write(tmp_path, "n.geojson", rows, parent_codes=["1", "12"])

    result = _import(world, path, parent_code_field="district")

    assert result.created_count == 2, result.problems
    parents = set(Area.objects.filter(name_en="Darband").values_list("parent__code", flat=True))
    assert parents == {"1", "12"}


def test_namesakes_at_different_places_under_one_parent_are_both_created(world, tmp_path):
    rows = [("Darband", "دربند", DARBAND_D1), ("Darband", "دربند", DARBAND_D12)]

    result = _import(world, _write(tmp_path, "flat.geojson", rows))

    assert (result.created_count, result.rejected_count) == (2, 0)
    assert Area.objects.filter(parent=world.tehran, name_en="Darband").count() == 2


def test_the_same_feature_twice_in_a_file_is_still_a_duplicate(world, tmp_path):
    rows = [("Darband", "دربند", DARBAND_D1), ("Darband", "دربند", DARBAND_D1)]

    result = _import(world, _write(tmp_path, "twice.geojson", rows))

    assert (result.created_count, result.rejected_count) == (1, 1)
    assert result.problems[0]["feature"] == 2


def test_a_namesake_on_the_same_ground_updates_the_existing_place(world, tmp_path):
    _import(world, _write(tmp_path, "a.geojson", [("Darband", "دربند", DARBAND_D1)]))
    existing = Area.objects.get(name_en="Darband")
    corrected = box(51.42, 35.76, 51.426, 35.765)  # a survey moved one edge by 90 m
    rows = [("Darband", "دربند‌بالا", corrected), ("Darband", "دربند", DARBAND_D12)]

    result = _import(world, _write(tmp_path, "b.geojson", rows))

    assert (result.created_count, result.updated_count) == (1, 1)
    existing.refresh_from_db()
    assert existing.name_fa == "دربند‌بالا"
    assert existing.max_x == pytest.approx(51.426)


def test_a_namesake_without_a_location_to_compare_needs_a_choice(world, tmp_path, login):
    by_hand = area_create(
        level=world.neighbourhood, parent=world.tehran, name_en="Darband", name_fa="دربند"
    )
    path = _write(tmp_path, "c.geojson", [("Darband", "دربند", Point(51.422, 35.762))])

    planned = plan_file(
        world, path, parent=world.tehran, level=world.neighbourhood, code_field="",
        name_en_field="name", name_fa_field="name_fa",
    )  # fmt: skip

    assert planned.awaiting_confirmation
    assert planned.ambiguous_count == 1
    row = planned.plan_rows.get()
    assert (row.action, row.candidates) == ("ambiguous", [by_hand.pk])
    with pytest.raises(Exception, match="Choose what to do with the place that could not"):
        boundary_import_confirm(boundary_import=planned, user=world.admin)
    client = login(world.admin)
    preview = reverse("places:boundary_import_preview", kwargs={"pk": planned.pk})
    content = client.get(preview).content.decode()
    assert f'value="update:{by_hand.pk}"' in content
    assert 'id="write-changes" disabled' in content

    client.post(preview, {f"choice-{row.pk}": f"update:{by_hand.pk}"})
    written = boundary_import_confirm(boundary_import=planned, user=world.admin)

    assert written.is_written, written.failure_text
    by_hand.refresh_from_db()
    assert by_hand.geometry_kind == "point"
    assert Area.objects.filter(name_en="Darband").count() == 1


def test_several_namesakes_on_the_same_ground_let_the_person_create_or_skip(world, tmp_path):
    for _ in range(2):
        area_create(level=world.neighbourhood, parent=world.tehran, name_en="Darband",
                    geometry=DARBAND_D1)  # fmt: skip
    path = _write(tmp_path, "d.geojson", [("Darband", "دربند", DARBAND_D1)] * 1)
    planned = plan_file(
        world, path, parent=world.tehran, level=world.neighbourhood, code_field="",
        name_en_field="name", name_fa_field="name_fa",
    )  # fmt: skip
    row = planned.plan_rows.get()
    assert len(row.candidates) == 2

    plan_choose(boundary_import=planned, user=world.admin, decisions={row.pk: "create"})
    written = boundary_import_confirm(boundary_import=planned, user=world.admin)

    assert written.created_count == 1, written.failure_text
    assert Area.objects.filter(name_en="Darband").count() == 3


def test_a_choice_of_a_place_not_offered_is_refused_naming_the_feature(world, tmp_path):
    area_create(level=world.neighbourhood, parent=world.tehran, name_en="Darband")
    path = _write(tmp_path, "e.geojson", [("Darband", "دربند", DARBAND_D1)])
    planned = plan_file(
        world, path, parent=world.tehran, level=world.neighbourhood, code_field="",
        name_en_field="name",
    )  # fmt: skip
    row = BoundaryImportRow.objects.get(boundary_import=planned)

    with pytest.raises(Exception, match="Feature 1: choose one of the places listed."):
        plan_choose(
            boundary_import=planned, user=world.admin,
            decisions={row.pk: f"update:{world.tehran_d12.pk}"},
        )  # fmt: skip


def test_a_feature_with_a_code_matches_by_code_only(world, tmp_path):
    area_create(level=world.neighbourhood, parent=world.tehran, name_en="Darband",
                geometry=DARBAND_D1)  # fmt: skip
    path = write_layer(
        tmp_path / "coded.geojson", [DARBAND_D1], {"code": ["N-7"], "name": ["Darband"]},
        driver="GeoJSON",
    )  # fmt: skip

    result = import_file(
        world, path, parent=world.tehran, level=world.neighbourhood, name_en_field="name"
    )

    assert (result.created_count, result.updated_count) == (1, 0)


def test_a_choice_survives_a_new_plan_only_while_the_candidates_are_the_same(world, tmp_path):
    area_create(level=world.neighbourhood, parent=world.tehran, name_en="Darband")
    path = _write(tmp_path, "f.geojson", [("Darband", "دربند", DARBAND_D1)])
    planned = plan_file(
        world, path, parent=world.tehran, level=world.neighbourhood, code_field="",
        name_en_field="name",
    )  # fmt: skip
    row = planned.plan_rows.get()
    plan_choose(boundary_import=planned, user=world.admin, decisions={row.pk: "skip"})

    again = boundary_import_replan(boundary_import=planned, user=world.admin)
    assert again.plan_rows.get().choice == "skip"

    area_create(level=world.neighbourhood, parent=world.tehran, name_en="Darband")
    third = boundary_import_replan(boundary_import=again, user=world.admin)
    assert (third.plan_rows.get().choice, third.ambiguous_count) == ("", 1)
