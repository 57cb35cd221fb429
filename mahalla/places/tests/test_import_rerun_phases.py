"""A failed plan job or a failed write job runs again from its page, without a new upload."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.places.boundary_imports import service as imports
from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.models import Area, BoundaryImport
from mahalla.places.tests.geo_files import community_columns, plan_file, write_layer

pytestmark = pytest.mark.django_db


@pytest.fixture
def geojson(tmp_path):
    geometries, properties = community_columns()
    return write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")


def _rerun(client, boundary_import):
    url = reverse("places:boundary_import_rerun", kwargs={"pk": boundary_import.pk})
    assert client.post(url).status_code == 302
    boundary_import.refresh_from_db()
    return boundary_import


def test_a_failed_plan_runs_again_and_waits_on_its_preview(world, geojson, monkeypatch, login):
    real = imports.plan_store

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(imports, "plan_store", broken)
    failed = plan_file(world, geojson)
    assert (failed.status, failed.phase) == ("failed", "plan")
    monkeypatch.setattr(imports, "plan_store", real)
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("places:boundary_import_detail", kwargs={"pk": failed.pk}))
    assert "Run the import again" in page.content.decode()

    again = _rerun(client, failed)

    assert again.awaiting_confirmation
    assert again.attempts == 2
    assert again.plan_rows.count() == 3
    assert not Area.objects.filter(code="KT-101").exists()


def test_a_failed_write_runs_again_with_the_same_plan(world, geojson, monkeypatch, login):
    planned = plan_file(world, geojson)
    real = imports.areas_write_batch

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "areas_write_batch", broken)
    failed = boundary_import_confirm(boundary_import=planned, user=world.admin)
    assert (failed.status, failed.phase) == ("failed", "write")
    monkeypatch.setattr(imports, "areas_write_batch", real)
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("places:boundary_import_detail", kwargs={"pk": failed.pk}))
    assert "Write the changes again" in page.content.decode()

    again = _rerun(client, failed)

    assert again.is_written, again.failure_text
    assert again.created_count == 3
    assert Area.objects.filter(code__startswith="KT-10").count() == 3


def test_a_written_import_is_not_run_again(world, geojson, login):
    written = boundary_import_confirm(boundary_import=plan_file(world, geojson), user=world.admin)
    client = login(world.khlong_toei_officer)

    response = client.post(
        reverse("places:boundary_import_rerun", kwargs={"pk": written.pk}), follow=True
    )

    assert "Only an import that failed can be run again." in response.content.decode()
    assert BoundaryImport.objects.get(pk=written.pk).is_written
    assert Area.objects.filter(code__startswith="KT-10").count() == 3
