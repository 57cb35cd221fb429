"""Running an import again, or importing the same file again, updates instead of duplicating."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mahalla.core.jobs.messages import render_text
from mahalla.places.boundary_imports.service import boundary_import_run
from mahalla.places.models import Area
from mahalla.places.tests.geo_files import COMMUNITIES, community_columns, import_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geojson(tmp_path):
    geometries, properties = community_columns()
    return write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")


def test_running_a_finished_job_again_leaves_the_same_areas(world, geojson):
    first = import_file(world, geojson)
    before = sorted(Area.objects.values_list("pk", "code", "path"))

    again = boundary_import_run(import_id=first.pk)

    assert sorted(Area.objects.values_list("pk", "code", "path")) == before
    assert (again.status, again.created_count, again.updated_count) == ("done", 3, 0)


def test_importing_the_same_file_again_leaves_everything_unchanged(world, geojson):
    import_file(world, geojson)
    before = sorted(Area.objects.values_list("pk", "code", "path"))

    again = import_file(world, geojson)

    assert sorted(Area.objects.values_list("pk", "code", "path")) == before
    assert (again.status, again.created_count, again.updated_count) == ("done", 0, 0)
    assert again.unchanged_count == 3


def test_a_corrected_file_updates_names_and_shapes_and_keeps_ids(world, geojson, tmp_path):
    import_file(world, geojson)
    original = Area.objects.get(code="KT-101")
    rows = list(COMMUNITIES)
    rows[0] = (
        "KT-101",
        "Lock 4-5-6 (new)",
        "ล็อค 4-5-6 ใหม่",
        "محله یک",
        box(100.545, 13.705, 100.552, 13.712),
    )
    geometries, properties = community_columns(rows)
    corrected = write_layer(tmp_path / "fixed.geojson", geometries, properties, driver="GeoJSON")

    second = import_file(world, corrected)

    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 1, 2)
    area = Area.objects.get(code="KT-101")
    assert area.pk == original.pk
    assert area.name_th == "ล็อค 4-5-6 ใหม่"
    assert area.max_x == pytest.approx(100.552)
    assert "ใหม่" in area.search_text
    assert area.history.first().history_change_reason == f"boundary import #{second.pk}"
    assert Area.objects.filter(parent=world.khlong_toei, code__startswith="KT-1").count() == 3


def test_an_existing_area_with_the_same_code_is_updated(world, tmp_path):
    path = write_layer(
        tmp_path / "lock.geojson",
        [box(100.555, 13.70, 100.566, 13.71)],
        {"code": ["KT-01"], "name": ["Lock 1-2-3 surveyed"]},
        driver="GeoJSON",
    )

    result = import_file(world, path, name_en_field="name")

    assert (result.created_count, result.updated_count) == (0, 1)
    world.lock_123.refresh_from_db()
    assert world.lock_123.name_en == "Lock 1-2-3 surveyed"
    assert world.lock_123.name_th  # an unmapped language keeps its name
    assert world.lock_123.registration == "registered"


def test_a_code_twice_in_the_file_is_rejected_the_second_time(world, tmp_path):
    path = write_layer(
        tmp_path / "twice.geojson",
        [box(100.55, 13.70, 100.56, 13.71), box(100.56, 13.70, 100.57, 13.71)],
        {"code": ["D-1", "D-1"], "name": ["First", "Second"]},
        driver="GeoJSON",
    )

    result = import_file(world, path, name_en_field="name")

    assert result.created_count == 1
    assert Area.objects.get(code="D-1").name_en == "First"
    (problem,) = result.problems
    assert problem["feature"] == 2
    assert "Feature 1 already has this code" in render_text(problem["message"])
