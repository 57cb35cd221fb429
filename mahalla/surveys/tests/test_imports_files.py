"""Survey data imports of real-tool exports, through the services: check, write, re-run."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree as etree
from django.utils import translation

from mahalla.core.jobs.leases import JobStatus
from mahalla.core.jobs.messages import render_text
from mahalla.core.uploads.storage import UploadError
from mahalla.surveys.imports import service
from mahalla.surveys.models import Submission, SubmissionVersion, SurveyImport
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


def _run(world, version, name, data, **start):
    user = world.khlong_toei_officer
    job = service.import_upload(user=user, version=version, uploaded_file=files.upload(name, data))
    job = service.import_start(
        job=job, user=user, mapping=start.pop("mapping", job.mapping), **start
    )
    return job


def _codes(job):
    return [p["message"]["code"] for p in job.problems]


def test_a_central_csv_zip_is_checked_then_written_with_its_repeats(world, version):
    job = _run(world, version, "household.zip", files.central_zip())

    assert job.kind == "central"
    assert job.awaiting_confirmation, job.failure_text
    assert (job.new_count, job.existing_count, job.bad_count, job.repeat_count) == (2, 0, 0, 3)
    assert Submission.objects.count() == 0  # the check writes nothing

    job = service.import_confirm(job=job, user=world.khlong_toei_officer)

    assert job.is_written, job.failure_text
    first = SubmissionVersion.objects.get(instance_id=files.HOUSEHOLDS[0][0])
    xml = etree.fromstring(bytes(first.xml))
    assert xml.tag == "data" and xml.get("id") == "household" and xml.get("version") == "1"
    assert xml.findtext("hh_name") == "บ้านสมชาย"
    assert xml.findtext("location") == "13.71 100.56 0 5"
    assert xml.findtext("house/tenure") == "tenant"
    assert [m.findtext("member_name") for m in xml.findall("members")] == ["สมชาย", "มานี"]
    assert xml.findtext("meta/instanceID") == files.HOUSEHOLDS[0][0]
    assert first.submission.current_id == first.pk
    assert first.submission.form_id == version.form_id
    assert len(first.xml_sha256) == 64


def test_running_the_same_import_again_changes_nothing(world, version):
    data = files.central_zip()
    job = _run(world, version, "household.zip", data)
    service.import_confirm(job=job, user=world.khlong_toei_officer)

    again = _run(world, version, "household.zip", data)
    assert (again.new_count, again.existing_count) == (0, 2)
    again = service.import_confirm(job=again, user=world.khlong_toei_officer)

    assert again.is_written
    assert Submission.objects.count() == 2
    assert SubmissionVersion.objects.count() == 2


def test_a_kobo_xlsx_export_is_joined_by_its_indexes(world, version):
    job = _run(world, version, "household_2026.xlsx", files.kobo_xlsx())

    assert job.kind == "kobo"
    assert (job.new_count, job.repeat_count, job.bad_count) == (2, 3, 0), job.problems
    job = service.import_confirm(job=job, user=world.khlong_toei_officer)
    second = SubmissionVersion.objects.get(instance_id=files.HOUSEHOLDS[1][0])
    xml = etree.fromstring(bytes(second.xml))
    assert xml.findtext("house/rooms") == "3"
    assert xml.findtext("members/needs") == "disability elderly"


def test_a_repeat_row_without_its_parent_refuses_the_import_unless_skipped(world, version):
    job = _run(world, version, "household.xlsx", files.kobo_xlsx(orphan=True))

    assert job.bad_count == 1
    problem = job.problems[0]
    assert problem["sheet"] == "members" and problem["column"] == "_parent_index"
    assert problem["message"]["code"] == "surveys.import_orphan_repeat"
    job = service.import_confirm(job=job, user=world.khlong_toei_officer)
    assert job.status == JobStatus.FAILED
    assert job.failure["code"] == "surveys.import_bad_rows"
    assert Submission.objects.count() == 0  # all or nothing

    job = service.import_rerun(job=job, user=world.khlong_toei_officer)
    assert job.status == JobStatus.FAILED  # the same choices give the same refusal


def test_skipping_the_bad_rows_writes_the_good_ones(world, version):
    bad = list(files.HOUSEHOLDS[1])
    bad[4] = "squatter"  # not a choice
    job = _run(world, version, "household.zip", files.central_zip([files.HOUSEHOLDS[0], bad]))

    assert job.bad_count == 1
    assert _codes(job) == ["surveys.import_unknown_choice"]
    assert job.problems[0]["sheet"] == "household.csv" and job.problems[0]["row"] == 3
    assert job.problems[0]["column"] == "house-tenure"
    job = service.import_confirm(job=job, user=world.khlong_toei_officer, skip_bad_rows=True)

    assert job.is_written
    assert list(Submission.objects.values_list("instance_id", flat=True)) == [
        files.HOUSEHOLDS[0][0]
    ]


def test_swapped_and_outside_locations_duplicates_and_non_numbers_are_reported(world, version):
    base = files.HOUSEHOLDS[0]
    swapped = (base[0].replace("0001", "0003"), "a", "100.56", "13.71", "owner", "2", [])
    outside = (base[0].replace("0001", "0004"), "b", "35.7", "51.4", "owner", "2", [])
    words = (base[0].replace("0001", "0005"), "c", "13.71", "100.56", "owner", "two", [])
    job = _run(
        world, version, "household.zip", files.central_zip([base, swapped, outside, words, base])
    )

    codes = _codes(job)
    assert codes == [
        "surveys.import_point_swapped",
        "surveys.import_point_outside",
        "surveys.import_not_integer",
        "surveys.import_duplicate_id",
    ]
    assert job.bad_count == 5  # both rows of the duplicate ID: which one is right is unknown
    with translation.override("th"):
        text = render_text(job.problems[0]["message"])
    assert "คลองเตย" in text or "Khlong Toei" in text


def test_a_file_of_another_kind_is_refused_and_not_kept(world, version):
    with pytest.raises(UploadError) as refused:
        service.import_upload(
            user=world.khlong_toei_officer,
            version=version,
            uploaded_file=files.upload("data.json", b"{}"),
        )
    assert refused.value.failure["code"] == "surveys.import_unknown_kind"
    assert SurveyImport.objects.count() == 0


def test_too_many_rows_are_refused_at_upload(world, version, settings):
    settings.SURVEY_IMPORT_MAX_ROWS = 1
    with pytest.raises(UploadError) as refused:
        service.import_upload(
            user=world.khlong_toei_officer,
            version=version,
            uploaded_file=files.upload("household.zip", files.central_zip()),
        )
    assert refused.value.failure["code"] == "core.upload_too_many"
    job = SurveyImport.objects.get()
    assert job.status == JobStatus.FAILED and not job.file


def test_the_demo_import_writes_three_households_once(world, version):
    from mahalla.surveys.imports import demo

    job = demo.build(version=version, user=world.admin)
    assert job.is_written and job.new_count == 3, job.problems
    again = demo.build(version=version, user=world.admin)
    assert (again.new_count, again.existing_count) == (0, 3)
    assert Submission.objects.count() == 3


def test_a_failing_disk_leaves_no_file_and_no_record(world, version, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    written = []

    def full_disk(self, name, content, max_length=None):
        import os

        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        written.append(name)
        with open(path, "wb") as partial:
            partial.write(b"PK\x03\x04")  # half a file, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full_disk)
    with pytest.raises(UploadError) as refused:
        service.import_upload(
            user=world.khlong_toei_officer,
            version=version,
            uploaded_file=files.upload("h.zip", files.central_zip()),
        )
    assert refused.value.failure["code"] == "core.upload_storage_failed"
    assert SurveyImport.objects.count() == 0
    assert written and not FileSystemStorage().exists(written[0])  # the partial file is gone


def test_a_person_without_the_permission_cannot_upload(world, version):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        service.import_upload(
            user=world.pathum_wan_officer,
            version=version,
            uploaded_file=files.upload("h.zip", files.central_zip()),
        )
