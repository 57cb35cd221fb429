"""A household list kept by hand, one row per member: rows with the same household number are
one submission with its members as the repeat; contradictions and missing keys are reported."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree as etree
from django.core.exceptions import ValidationError
from django.urls import reverse

from mahalla.surveys.imports import columns, service
from mahalla.surveys.models import SubmissionVersion
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files

pytestmark = pytest.mark.django_db

HEADER = ["เลขที่ครัวเรือน", "ชื่อครัวเรือน", "การถือครอง", "ชื่อ", "อายุ"]
ROWS = [
    ["KT-001", "บ้านสมชาย", "ผู้เช่า", "สมชาย", "๕๔"],
    ["KT-001", "", "", "มานี", "12"],
    ["KT-002", "บ้านประภา", "เจ้าของ", "ประภา", "61"],
    ["KT-003", "บ้านว่าง", "ผู้เช่า", "", ""],
]


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


def _upload(world, version, rows=ROWS, header=HEADER):
    data = files.plain_csv(rows, header)
    return service.import_upload(
        user=world.khlong_toei_officer, version=version, uploaded_file=files.upload("hh.csv", data)
    )


def _mapping(job):
    return {**job.mapping, "เลขที่ครัวเรือน": columns.ROW_KEY}


def _members(instance_xml: bytes) -> list[tuple[str, str]]:
    xml = etree.fromstring(instance_xml)
    return [(m.findtext("member_name"), m.findtext("age")) for m in xml.findall("members")]


def test_the_members_columns_and_the_household_number_are_guessed_and_offered(world, version):
    job = _upload(world, version)
    assert job.mapping["ชื่อ"] == "/members/member_name"
    assert job.mapping["อายุ"] == "/members/age"
    assert job.mapping["ชื่อครัวเรือน"] == "/hh_name"
    assert job.mapping["เลขที่ครัวเรือน"] == columns.ROW_KEY
    choices = dict(columns.target_choices(version.fields, "th", repeats=True))
    assert choices["/members/age"] == "สมาชิก › อายุ (members/age)"
    assert "/members/age" not in dict(columns.target_choices(version.fields, "th"))


def test_rows_with_the_same_key_become_one_submission_with_its_members(world, version):
    user = world.khlong_toei_officer
    job = _upload(world, version)
    job = service.import_start(job=job, user=user, mapping=_mapping(job))
    assert job.awaiting_confirmation, job.failure_text
    assert (job.new_count, job.bad_count, job.repeat_count) == (3, 0, 3)

    job = service.import_confirm(job=job, user=user)
    assert job.is_written, job.failure_text
    by_name = {}
    for version_row in SubmissionVersion.objects.all():
        xml = etree.fromstring(bytes(version_row.xml))
        by_name[xml.findtext("hh_name")] = bytes(version_row.xml)
    assert sorted(by_name) == ["บ้านประภา", "บ้านว่าง", "บ้านสมชาย"]
    assert _members(by_name["บ้านสมชาย"]) == [("สมชาย", "54"), ("มานี", "12")]
    assert _members(by_name["บ้านประภา"]) == [("ประภา", "61")]
    assert _members(by_name["บ้านว่าง"]) == []
    assert etree.fromstring(by_name["บ้านสมชาย"]).findtext("house/tenure") == "tenant"


def test_the_same_file_again_gives_the_same_submissions(world, version):
    user = world.khlong_toei_officer
    first = _upload(world, version)
    first = service.import_confirm(
        job=service.import_start(job=first, user=user, mapping=_mapping(first)), user=user
    )
    again = _upload(world, version)
    again = service.import_start(job=again, user=user, mapping=_mapping(again))
    assert (again.new_count, again.existing_count) == (0, 3), again.failure_text


def test_a_contradicting_row_and_a_row_without_key_are_problems_of_their_rows(world, version):
    rows = [*ROWS, ["KT-002", "บ้านอื่น", "", "สมศรี", "30"], ["", "", "", "ลอย", "9"]]
    job = _upload(world, version, rows=rows)
    job = service.import_start(job=job, user=world.khlong_toei_officer, mapping=_mapping(job))
    problems = {(p["row"], p["column"]): p["message"] for p in job.problems}
    conflict = problems[(6, "ชื่อครัวเรือน")]
    assert conflict["code"] == "surveys.import_group_conflict"
    assert conflict["params"] == {"key": "KT-002", "first": 4}
    assert problems[(7, "เลขที่ครัวเรือน")]["code"] == "surveys.import_missing_key"
    assert job.new_count == 2  # KT-002 is held back with its problem; KT-001 and KT-003 go


def test_members_without_a_key_column_are_refused_with_a_clear_message(world, version):
    job = _upload(world, version)
    unkeyed = {c: t for c, t in job.mapping.items() if t != columns.ROW_KEY}
    with pytest.raises(ValidationError) as refused:
        service.import_start(job=job, user=world.khlong_toei_officer, mapping=unkeyed)
    assert "which rows belong together" in str(refused.value)


def test_the_instance_id_column_groups_rows_too(world, version):
    header = ["instanceID", "ชื่อครัวเรือน", "ชื่อ"]
    rows = [["uuid:a1", "บ้านหนึ่ง", "หนึ่ง"], ["uuid:a1", "", "สอง"]]
    job = _upload(world, version, rows=rows, header=header)
    user = world.khlong_toei_officer
    assert job.mapping["instanceID"] == columns.INSTANCE_ID
    job = service.import_confirm(
        job=service.import_start(job=job, user=user, mapping=job.mapping), user=user
    )
    written = SubmissionVersion.objects.get(instance_id="uuid:a1")
    assert _members(bytes(written.xml)) == [("หนึ่ง", ""), ("สอง", "")]
    with pytest.raises(ValidationError):
        service.import_start(
            job=_upload(world, version, rows=rows, header=header),
            user=user,
            mapping={"instanceID": columns.INSTANCE_ID, "ชื่อ": columns.ROW_KEY},
        )


def test_the_mapping_page_offers_the_key_and_explains_it_and_refuses_members_without_it(
    world, version, login
):
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    job = _upload(world, version)
    detail = reverse("surveys:data_import_detail", kwargs={"pk": job.pk})
    html = client.get(detail).content.decode()
    assert "แถวที่มีค่าเดียวกันเป็นข้อมูลที่ส่งรายการเดียวกัน" in html  # the option and the hint
    assert "หนึ่งแถวต่อสมาชิกหนึ่งคนใช่ไหม" in html
    columns_ = job.inspection["tables"][0]["columns"]
    posted = {f"column_{i}": job.mapping.get(c, "") for i, c in enumerate(columns_)}
    key = columns_.index("เลขที่ครัวเรือน")
    assert posted[f"column_{key}"] == columns.ROW_KEY  # guessed
    posted[f"column_{key}"] = ""
    html = client.post(detail, posted).content.decode()
    assert "ต้องมีคอลัมน์ที่บอกว่าแถวใดอยู่ด้วยกัน" in html
    response = client.post(detail, {**posted, f"column_{key}": columns.ROW_KEY}, follow=True)
    job.refresh_from_db()
    assert response.status_code == 200 and job.awaiting_confirmation, job.failure_text


def test_a_header_with_its_unit_is_guessed_for_the_question():
    fields = [
        {"path": "/members", "name": "members", "type": "repeat", "repeat": "", "labels": {}},
        {"path": "/members/age", "name": "age", "type": "integer", "repeat": "/members",
         "labels": {"th": "อายุ (ปี)", "en": "Age (years)"}},
    ]  # fmt: skip
    assert columns.guess_plain(["อายุ", "เลขที่ครัวเรือน"], fields) == {
        "อายุ": "/members/age",
        "เลขที่ครัวเรือน": columns.ROW_KEY,
    }
