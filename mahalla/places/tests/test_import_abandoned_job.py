"""An import whose worker died is marked failed, says so, and runs again from its page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import reap_abandoned
from mahalla.places.models import Area, BoundaryImport, ImportPhase
from mahalla.places.tests.geo_files import (
    community_columns,
    plan_file,
    upload_file,
    write_layer,
)

pytestmark = pytest.mark.django_db
Status = BoundaryImport.Status


@pytest.fixture
def stuck(world, tmp_path):
    """An import left "running 2/3" by a worker killed while writing, its lease long expired."""
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "c.geojson", geometries, properties, driver="GeoJSON")
    boundary_import = plan_file(world, path)  # planned and confirmed, then the worker died
    BoundaryImport.objects.filter(pk=boundary_import.pk).update(
        status=Status.RUNNING,
        phase=ImportPhase.WRITE,
        processed=2,
        lease_expires_at=timezone.now() - timedelta(minutes=1),
    )
    return boundary_import


def test_a_starting_worker_marks_the_abandoned_import_failed(stuck):
    call_command("worker", reap_only=True)

    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED
    assert "worker was interrupted" in stuck.failure_text
    assert stuck.lease_expires_at is None


def test_a_running_import_with_a_live_lease_is_left_alone(stuck):
    BoundaryImport.objects.filter(pk=stuck.pk).update(
        lease_expires_at=timezone.now() + timedelta(minutes=5)
    )

    assert reap_abandoned() == 0
    stuck.refresh_from_db()
    assert stuck.status == Status.RUNNING


def test_the_page_shows_the_failure_in_the_readers_language_and_offers_to_run_again(
    world, stuck, login
):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})

    page = client.get(reverse("places:boundary_import_detail", kwargs={"pk": stuck.pk}))

    html = page.content.decode()
    assert 'data-status="failed"' in html
    assert reverse("places:boundary_import_rerun", kwargs={"pk": stuck.pk}) in html
    assert "hx-trigger" not in html  # a dead job is not polled for ever


def test_run_again_finishes_the_import_without_a_new_upload(world, stuck, login):
    reap_abandoned()
    client = login(world.khlong_toei_officer)

    response = client.post(reverse("places:boundary_import_rerun", kwargs={"pk": stuck.pk}))

    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.status == Status.DONE, stuck.failure_text
    assert stuck.attempts == 2  # the plan, then the write run again
    assert stuck.created_count == 3
    assert Area.objects.filter(parent=world.khlong_toei, code__startswith="KT-1").count() == 3


def test_a_finished_import_is_not_run_again(world, stuck, login):
    BoundaryImport.objects.filter(pk=stuck.pk).update(status=Status.DONE, lease_expires_at=None)
    client = login(world.khlong_toei_officer)

    response = client.post(
        reverse("places:boundary_import_rerun", kwargs={"pk": stuck.pk}), follow=True
    )

    assert "Only an import that failed can be run again." in response.content.decode()
    stuck.refresh_from_db()
    assert stuck.status == Status.DONE


def test_run_again_is_refused_to_someone_out_of_scope(world, stuck, login):
    reap_abandoned()
    client = login(world.pathum_wan_officer)

    response = client.post(reverse("places:boundary_import_rerun", kwargs={"pk": stuck.pk}))

    assert response.status_code == 404
    stuck.refresh_from_db()
    assert stuck.status == Status.FAILED


def test_an_upload_never_started_is_deleted_after_the_retention_time(world, tmp_path, settings):
    geometries, properties = community_columns()
    path = write_layer(tmp_path / "old.geojson", geometries, properties, driver="GeoJSON")
    old = upload_file(world, path)
    fresh = upload_file(world, path)
    stored = old.file.path
    BoundaryImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.IMPORT_UPLOAD_RETENTION_DAYS + 1)
    )

    call_command("worker", reap_only=True)

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, bool(old.file)) == (Status.FAILED, False)
    assert "never started" in old.failure_text
    assert not Path(stored).exists()
    assert (fresh.status, bool(fresh.file)) == (Status.UPLOADED, True)
