"""Two workers importing the same code-less file into one place do not create it twice."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from mahalla.places import imports
from mahalla.places.imports import boundary_import_run
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, upload_file, write_layer

Status = BoundaryImport.Status


def _mapped(world, path) -> BoundaryImport:
    boundary_import = upload_file(world, path)
    BoundaryImport.objects.filter(pk=boundary_import.pk).update(
        level=world.community, name_en_field="name", name_th_field="name_th", status=Status.PENDING
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
    first, second = _mapped(world, path), _mapped(world, path)
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
    results = {bi.pk: bi for bi in BoundaryImport.objects.all()}
    assert {results[first.pk].status, results[second.pk].status} == {Status.DONE}
    assert Area.objects.filter(parent=world.khlong_toei).count() == before + 3
    created = sorted(r.created_count for r in (results[first.pk], results[second.pk]))
    assert created == [0, 3]
    assert sorted(r.unchanged_count for r in results.values()) == [0, 3]
