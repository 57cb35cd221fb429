"""A fatal error while writing leaves nothing of the import; progress is reported per batch."""

from __future__ import annotations

import pytest

from mahalla.places.boundary_imports import plan as import_plan
from mahalla.places.boundary_imports import service as imports
from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, import_file, plan_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geojson(tmp_path):
    geometries, properties = community_columns()
    return write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")


def test_an_error_after_the_first_written_batch_leaves_no_area_behind(world, geojson, monkeypatch):
    monkeypatch.setattr(imports, "WRITE_BATCH", 2)
    real_write_batch = imports.areas_write_batch
    calls = []

    def failing_second_batch(areas, **kwargs):
        calls.append(len(areas))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_write_batch(areas, **kwargs)

    monkeypatch.setattr(imports, "areas_write_batch", failing_second_batch)
    areas_before = Area.objects.count()
    history_before = Area.history.count()

    result = import_file(world, geojson)

    assert calls == [2, 1]
    assert result.status == BoundaryImport.Status.FAILED
    assert result.failure_text == (
        "The job stopped because of an unexpected error. Nothing was saved; run it again."
    )
    assert "disk full" not in result.failure_text
    assert Area.objects.count() == areas_before
    assert Area.history.count() == history_before
    assert result.created_count == 0


def test_a_vanished_file_fails_with_a_clear_message(world, geojson):
    planned = plan_file(world, geojson)
    planned.file.storage.delete(planned.file.name)

    again = boundary_import_confirm(boundary_import=planned, user=world.admin)

    assert again.status == BoundaryImport.Status.FAILED
    assert again.failure_text == "The uploaded file is no longer stored; upload it again."
    assert again.finished_at is not None


def test_progress_is_saved_after_every_batch(world, geojson, monkeypatch):
    monkeypatch.setattr(import_plan, "BATCH", 2)
    seen = []
    real_progress = imports._progress

    def spying_progress(boundary_import):
        report = real_progress(boundary_import)

        def spy(processed):
            report(processed)
            seen.append(BoundaryImport.objects.get(pk=boundary_import.pk).processed)

        return spy

    monkeypatch.setattr(imports, "_progress", spying_progress)

    result = import_file(world, geojson)

    assert seen == [2, 3, 2, 3]  # the plan job, then the write job reading the file again
    assert (result.processed, result.total, result.percent) == (3, 3, 100)
