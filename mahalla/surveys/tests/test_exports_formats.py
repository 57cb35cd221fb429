"""XLSX (through the job) and GeoJSON exports; the streaming path's constant query count."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mahalla.core.jobs.leases import JobStatus, reap_abandoned
from mahalla.surveys.exports.jobs import export_job_run
from mahalla.surveys.models import ExportJob
from mahalla.surveys.testing import household_data, make_parsed_submission, make_version
from mahalla.surveys.tests.export_helpers import NESTED_MD, nested_data, streamed

pytestmark = pytest.mark.django_db


def _params(**extra):
    return {"format": "csvzip", "label_language": "default", **extra}


def test_xlsx_job_writes_one_sheet_per_repeat(world, login):
    version = make_version(world.khlong_toei, form_id="nested", md=NESTED_MD)
    make_parsed_submission(version, nested_data("uuid:n1"), area=world.lock_123)
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:export_job_new", kwargs={"pk": version.form.pk})
    response = client.post(url, _params(format="xlsx", label_language="fa", labels="on"))
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:export_job_detail", kwargs={"pk": job.pk})
    assert job.status == JobStatus.DONE and job.size > 0 and job.percent == 100
    assert job.created_by == world.khlong_toei_officer

    detail = client.get(response["Location"])
    assert b'id="export-file"' in detail.content
    download = client.get(reverse("surveys:export_job_file", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="nested-')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == ["nested", "rooms", "members", "children"]
    main = list(workbook["nested"].iter_rows(values_only=True))
    header = list(main[0])
    assert header[0] == "SubmissionDate" and "KEY" in header
    row = dict(zip(header, main[1], strict=True))
    assert row["house-tenure"] == "مالک"
    assert row["location-Latitude"] == 35.7  # numbers stay numbers
    children = list(workbook["children"].iter_rows(values_only=True))
    assert children[0] == ("child_name", "PARENT_KEY", "KEY")
    assert children[1] == ("علی", "uuid:n1/members[1]", "uuid:n1/members[1]/children[1]")
    rooms = list(workbook["rooms"].iter_rows(values_only=True))
    assert rooms[1] == (12, "uuid:n1", "uuid:n1/house/rooms[1]")


def test_xlsx_text_never_becomes_a_formula(world):
    version = make_version(world.khlong_toei)
    data = household_data(instance_id="uuid:f", name='=HYPERLINK("http://x")')
    make_parsed_submission(version, data, area=world.lock_123)
    job = ExportJob.objects.create(
        form=version.form, format="xlsx", options={}, created_by=world.khlong_toei_officer
    )
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    workbook = openpyxl.load_workbook(job.file.open("rb"))
    cell = workbook["household"]["B2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_geojson_features_with_properties(world, login):
    version = make_version(world.khlong_toei)
    make_parsed_submission(version, area=world.lock_123, instance_id="uuid:g1")
    make_parsed_submission(
        version, household_data(instance_id="uuid:g2", location=None), area=world.lock_123
    )
    response = login(world.khlong_toei_officer).get(
        reverse("surveys:export_download", kwargs={"pk": version.form.pk}),
        _params(format="geojson", labels="on", label_language="th"),
    )
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(streamed(response))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert features["uuid:g1"]["geometry"] == {
        "type": "Point", "coordinates": [100.56, 13.71, 0.0]
    }  # fmt: skip
    assert features["uuid:g1"]["properties"]["house-tenure"] == "ผู้เช่า"
    assert features["uuid:g1"]["properties"]["hh_name"] == "บ้านสมชาย"
    assert features["uuid:g2"]["geometry"] is None


@pytest.mark.parametrize("fmt", ["csvzip", "geojson"])
def test_query_count_is_constant(world, login, fmt):
    version = make_version(world.khlong_toei)
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:export_download", kwargs={"pk": version.form.pk})

    def queries_for(count: int) -> int:
        while version.form.submissions.count() < count:
            make_parsed_submission(version, area=world.lock_123)
        with CaptureQueriesContext(connection) as captured:
            body = streamed(client.get(url, _params(format=fmt, attachments="on")))
        assert body
        return len(captured)

    assert queries_for(10) == queries_for(100)


def test_killed_worker_job_fails_then_runs_again(world, login):
    version = make_version(world.khlong_toei)
    make_parsed_submission(version, area=world.lock_123)
    job = ExportJob.objects.create(
        form=version.form,
        format="csvzip",
        options={},
        created_by=world.khlong_toei_officer,
        status=JobStatus.RUNNING,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
        attempts=1,
    )
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("surveys:export_job_detail", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure["code"] == "core.job_abandoned"
    assert "Run the export again" in page.content.decode()
    assert reap_abandoned() == 0  # already reaped by the page
    response = client.post(reverse("surveys:export_job_rerun", kwargs={"pk": job.pk}))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.file


def test_job_refused_above_the_limit(world, settings):
    version = make_version(world.khlong_toei)
    make_parsed_submission(version, area=world.lock_123)
    make_parsed_submission(version, area=world.lock_123)
    settings.SURVEY_EXPORT_MAX_ROWS = 1
    job = ExportJob.objects.create(
        form=version.form, format="xlsx", options={}, created_by=world.khlong_toei_officer
    )
    job = export_job_run(job_id=job.pk)
    assert job.status == JobStatus.FAILED
    assert job.failure == {"code": "surveys.export_too_many", "params": {"count": 2, "limit": 1}}
    assert not job.file


def test_jobs_of_others_are_hidden(world, login):
    version = make_version(world.khlong_toei)
    job = ExportJob.objects.create(
        form=version.form, format="xlsx", options={}, created_by=world.admin
    )
    client = login(world.khlong_toei_officer)
    assert (
        client.get(reverse("surveys:export_job_detail", kwargs={"pk": job.pk})).status_code == 404
    )
    listing = client.get(reverse("surveys:export_job_list"))
    assert listing.status_code == 200
    assert (
        reverse("surveys:export_job_detail", kwargs={"pk": job.pk}) not in listing.content.decode()
    )


def test_page_posts_choices_and_xlsx_goes_to_a_job(world, login):
    version = make_version(world.khlong_toei)
    make_parsed_submission(version, area=world.lock_123, instance_id="uuid:p1")
    client = login(world.khlong_toei_officer)
    page = client.get(reverse("surveys:export_form", kwargs={"pk": version.form.pk}))
    assert page.status_code == 200
    assert b'method="post"' in page.content and b"csrfmiddlewaretoken" in page.content
    url = reverse("surveys:export_download", kwargs={"pk": version.form.pk})
    posted = client.post(url, _params(labels="on"))
    assert posted.streaming and b"household.csv" in streamed(posted)
    as_job = client.post(url, _params(format="xlsx"))
    job = ExportJob.objects.get()
    assert as_job.status_code == 302 and job.format == "xlsx" and job.status == JobStatus.DONE
    fragment = client.get(reverse("surveys:export_job_progress", kwargs={"pk": job.pk}))
    assert b'data-status="done"' in fragment.content and b"hx-get" not in fragment.content


def test_old_export_files_are_deleted(world, settings):
    version = make_version(world.khlong_toei)
    make_parsed_submission(version, area=world.lock_123)
    job = ExportJob.objects.create(
        form=version.form, format="csvzip", options={}, created_by=world.khlong_toei_officer
    )
    job = export_job_run(job_id=job.pk)
    stored = job.file.name
    assert job.file.storage.exists(stored)
    assert ExportJob.expire_stale() == 0  # fresh: kept
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert ExportJob.expire_stale() == 1
    job.refresh_from_db()
    assert not job.file and not job.file.storage.exists(stored)
    assert job.failure["code"] == "surveys.export_expired" and job.can_run_again
