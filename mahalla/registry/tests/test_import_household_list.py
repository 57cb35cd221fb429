"""A district's household list (CSV, one row per member, Thai headers) imported through the
survey import and approved in the same job: the registry takes every household in."""

from __future__ import annotations

import pytest

from mahalla.registry.models import Household
from mahalla.surveys.imports import columns, service
from mahalla.surveys.models import ReviewState, Submission
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db

HEADER = ["เลขที่ครัวเรือน", "ชื่อหัวหน้าครัวเรือน", "ละติจูด", "ลองจิจูด", "การครอบครองบ้าน",
          "ชื่อ", "อายุ"]  # fmt: skip
ROWS = [
    ["KT-001", "สมศรี ใจงาม", "13.7050", "100.5600", "ผู้เช่า", "สมศรี ใจงาม", "๖๒"],
    ["KT-001", "", "", "", "", "ปิติ ใจงาม", "9"],
    ["KT-002", "ประยูร แสงทอง", "13.7060", "100.5610", "เจ้าของ", "ประยูร แสงทอง", "45"],
    ["KT-003", "บุญเรือน คำดี", "13.7070", "100.5620", "ร้องเพลง", "บุญเรือน คำดี", "70"],
]
MAPPING = {
    "เลขที่ครัวเรือน": columns.ROW_KEY,
    "ชื่อหัวหน้าครัวเรือน": "/head_name",
    "ละติจูด": "/location#lat",
    "ลองจิจูด": "/location#lon",
    "การครอบครองบ้าน": "/tenure",
    "ชื่อ": "/members/member_name",
    "อายุ": "/members/age",
}


def _import(world, version, *, approve: bool, rows=ROWS, user=None):
    user = user or world.admin  # the default forms belong to Bangkok
    job = service.import_upload(
        user=user,
        version=version,
        uploaded_file=files.upload("hh.csv", files.plain_csv(rows, HEADER)),
    )
    job = service.import_start(job=job, user=user, mapping=MAPPING)
    assert job.awaiting_confirmation, job.failure_text
    return service.import_confirm(job=job, user=user, skip_bad_rows=True, approve=approve)


def test_an_approved_import_fills_the_registry(world, versions):
    _community, household = versions
    job = _import(world, household, approve=True)
    assert job.is_written, job.failure_text
    # The third household's tenure ("ร้องเพลง") is no choice: that row is skipped.
    assert (job.new_count, job.bad_count, job.approved_count) == (2, 1, 2)
    households = {h.head_name: h for h in Household.objects.all()}
    assert set(households) == {"สมศรี ใจงาม", "ประยูร แสงทอง"}
    somsri = households["สมศรี ใจงาม"]
    assert somsri.area == world.lock_123 and somsri.tenure.code == "tenant"
    assert sorted(somsri.members.values_list("age", flat=True)) == [9, 62]
    assert set(Submission.objects.values_list("review_state", flat=True)) == {ReviewState.APPROVED}


def test_without_approval_the_submissions_wait_for_review(world, versions):
    _community, household = versions
    job = _import(world, household, approve=False)
    assert job.is_written and job.approved_count == 0
    assert not Household.objects.exists()
    assert set(Submission.objects.values_list("review_state", flat=True)) == {ReviewState.RECEIVED}


def test_approving_needs_the_review_right(world, versions, monkeypatch):
    from django.core.exceptions import ValidationError

    _community, household = versions
    job = service.import_upload(
        user=world.admin, version=household,
        uploaded_file=files.upload("hh.csv", files.plain_csv(ROWS, HEADER)),
    )  # fmt: skip
    job = service.import_start(job=job, user=world.admin, mapping=MAPPING)
    # Every role that manages surveys also reviews them today; the check stands on its own.
    monkeypatch.setattr(service, "may_approve", lambda user, job: False)
    with pytest.raises(ValidationError):
        service.import_confirm(job=job, user=world.admin, approve=True)
    assert not Submission.objects.exists()
