"""A survey import whose worker died: failed with a message, then run again from its page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus
from mahalla.surveys.imports import service
from mahalla.surveys.models import Submission, SurveyImport
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture
def stuck(world):
    """Checked and confirmed, then the worker was killed while writing: lease long expired."""
    version = make_version(world.khlong_toei)
    user = world.khlong_toei_officer
    job = service.import_upload(
        user=user, version=version, uploaded_file=files.upload("h.zip", files.central_zip())
    )
    job = service.import_start(job=job, user=user, mapping=job.mapping)
    assert job.awaiting_confirmation
    SurveyImport.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        phase=SurveyImport.Phase.WRITE,
        processed=1,
        lease_expires_at=timezone.now() - timedelta(minutes=1),
    )
    return job


def test_a_starting_worker_marks_the_import_failed_and_nothing_is_half_written(stuck):
    call_command("worker", reap_only=True)

    stuck.refresh_from_db()
    assert stuck.status == JobStatus.FAILED
    assert "worker was interrupted" in stuck.failure_text
    assert Submission.objects.count() == 0


def test_the_page_offers_to_run_it_again_in_thai_and_that_finishes_it(world, stuck, login):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    detail = reverse("surveys:data_import_detail", kwargs={"pk": stuck.pk})

    html = client.get(detail).content.decode()  # the page reaps the dead job itself

    assert 'data-status="failed"' in html
    rerun = reverse("surveys:data_import_rerun", kwargs={"pk": stuck.pk})
    assert rerun in html
    assert "hx-trigger" not in html  # a dead job is not polled for ever

    assert client.post(rerun).status_code == 302
    stuck.refresh_from_db()
    assert stuck.is_written
    assert stuck.new_count == 2
    assert Submission.objects.count() == 2


def test_an_upload_never_started_expires_with_its_file(world, settings):
    version = make_version(world.khlong_toei)
    job = service.import_upload(
        user=world.khlong_toei_officer,
        version=version,
        uploaded_file=files.upload("h.zip", files.central_zip()),
    )
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    old = timezone.now() - timedelta(days=settings.IMPORT_UPLOAD_RETENTION_DAYS + 1)
    SurveyImport.objects.filter(pk=job.pk).update(created_at=old)

    assert SurveyImport.expire_stale() == 1

    job.refresh_from_db()
    assert not storage.exists(name) and not job.file
    assert job.status == JobStatus.FAILED and job.failure["code"] == "core.upload_expired"
