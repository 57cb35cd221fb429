"""Two workers importing the same code-less file into one place do not create it twice."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from mahalla.places.boundary_imports import service as imports
from mahalla.places.boundary_imports.service import boundary_import_run
from mahalla.places.models import Area, BoundaryImport, ImportPhase
from mahalla.places.tests.geo_files import community_columns, plan_file, write_layer

Status = BoundaryImport.Status


def _confirmed(world, path) -> BoundaryImport:
    """Planned ("create 3") and confirmed: its write job waits for a worker."""
    boundary_import = plan_file(
        world, path, code_field="", name_en_field="name", name_th_field="name_th"
    )
    assert boundary_import.awaiting_confirmation, boundary_import.failure_text
    BoundaryImport.objects.filter(pk=boundary_import.pk).update(
        phase=ImportPhase.WRITE, status=Status.PENDING
    )
    return boundary_import


@pytest.mark.django_db(transaction=True)
def test_two_workers_importing_into_one_parent_run_one_after_the_other(
    world, tmp_path, monkeypatch, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("threads sharing SQLite's in-memory test database are not two workers")
    settings.IMPORT_WAIT_SECONDS = 0.05
    geometries, properties = community_columns()
    del properties["code"]  # code-less: matched by name, the case that duplicated
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    # Both planned before either wrote: each plan says "create these three".
    first, second = _confirmed(world, path), _confirmed(world, path)
    real_build_plan = imports.build_plan

    def slow_build_plan(*args, **kwargs):
        time.sleep(0.5)  # long enough for the other worker to try to start meanwhile
        return real_build_plan(*args, **kwargs)

    monkeypatch.setattr(imports, "build_plan", slow_build_plan)
    before = Area.objects.filter(parent=world.khlong_toei).count()
    errors = []

    def work(pk):
        try:
            boundary_import_run(import_id=pk)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in (first.pk, second.pk)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    # One wrote the three places; the other, run after it, found its plan out of date and
    # wrote nothing (without the lock both rebuilt their plan at once and wrote six).
    assert Area.objects.filter(parent=world.khlong_toei).count() == before + 3
    results = sorted((bi.status, bi.failure.get("code", "")) for bi in BoundaryImport.objects.all())
    assert results == [(Status.DONE, ""), (Status.FAILED, "places.plan_drift")]
