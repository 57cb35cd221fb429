"""The csv.zip: tables, keys and PARENT_KEY joins as ODK Central's, cells and options."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.surveys.exports.tables import Options, build_tables, walk
from mahalla.surveys.models import ReviewState
from mahalla.surveys.testing import household_data, make_parsed_submission, make_version
from mahalla.surveys.tests.export_helpers import (
    NESTED_MD,
    as_dicts,
    nested_data,
    read_zip,
    streamed,
)
from mahalla.testing import grant, make_user

pytestmark = pytest.mark.django_db


def _download(client, form, **params):
    params.setdefault("format", "csvzip")
    params.setdefault("label_language", "default")
    url = reverse("surveys:export_download", kwargs={"pk": form.pk})
    return client.get(url, params)


def test_main_and_repeat_tables_join_by_keys(world, login):
    version = make_version(world.khlong_toei)
    first = make_parsed_submission(version, area=world.lock_123)
    make_parsed_submission(
        version,
        household_data(
            instance_id="uuid:second", members=[("ลุงดำ", 70, ["elderly", "disability"])]
        ),
        area=world.lock_123,
        review_state=ReviewState.APPROVED,
        user=world.khlong_toei_officer,
    )
    response = _download(login(world.khlong_toei_officer), version.form)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    tables = read_zip(streamed(response))
    assert sorted(tables) == ["household-members.csv", "household.csv"]

    main_header = tables["household.csv"][0]
    assert main_header[:9] == [
        "SubmissionDate", "hh_name", "location-Latitude", "location-Longitude",
        "location-Altitude", "location-Accuracy", "house-tenure", "house-rooms",
        "meta-instanceID",
    ]  # fmt: skip
    assert main_header[9:12] == ["KEY", "SubmitterID", "SubmitterName"]
    main = {row["KEY"]: row for row in as_dicts(tables["household.csv"])}
    assert set(main) == {first.instance_id, "uuid:second"}
    row = main[first.instance_id]
    assert row["hh_name"] == "บ้านสมชาย"
    assert (row["location-Latitude"], row["location-Longitude"]) == ("13.71", "100.56")
    assert (row["location-Altitude"], row["location-Accuracy"]) == ("0", "5")
    assert row["house-tenure"] == "tenant" and row["house-rooms"] == "2"
    assert row["ReviewState"] == "received" and row["AreaCode"] == world.lock_123.code
    assert row["SubmissionDate"].endswith("Z")
    assert main["uuid:second"]["ReviewState"] == "approved"
    assert main["uuid:second"]["SubmitterName"] == world.khlong_toei_officer.username

    members_header = tables["household-members.csv"][0]
    assert members_header == ["member_name", "age", "needs", "PARENT_KEY", "KEY"]
    members = as_dicts(tables["household-members.csv"])
    assert len(members) == 3
    by_key = {m["KEY"]: m for m in members}
    assert by_key[f"{first.instance_id}/members[1]"]["member_name"] == "สมชาย"
    assert by_key[f"{first.instance_id}/members[2]"]["needs"] == ""
    assert by_key["uuid:second/members[1]"]["needs"] == "elderly disability"
    assert all(m["PARENT_KEY"] in main for m in members)


def test_nested_repeats_and_repeat_in_group(world, login):
    version = make_version(world.khlong_toei, form_id="nested", md=NESTED_MD)
    make_parsed_submission(version, nested_data("uuid:n1"), area=world.lock_123)
    tables = read_zip(streamed(_download(login(world.khlong_toei_officer), version.form)))
    assert sorted(tables) == [
        "nested-children.csv", "nested-members.csv", "nested-rooms.csv", "nested.csv",
    ]  # fmt: skip
    rooms = as_dicts(tables["nested-rooms.csv"])
    assert [(r["size"], r["PARENT_KEY"], r["KEY"]) for r in rooms] == [
        ("12", "uuid:n1", "uuid:n1/house/rooms[1]"),
        ("9", "uuid:n1", "uuid:n1/house/rooms[2]"),
    ]
    members = as_dicts(tables["nested-members.csv"])
    children = as_dicts(tables["nested-children.csv"])
    assert tables["nested-children.csv"][0] == ["child_name", "PARENT_KEY", "KEY"]
    assert [(c["child_name"], c["PARENT_KEY"], c["KEY"]) for c in children] == [
        ("علی", "uuid:n1/members[1]", "uuid:n1/members[1]/children[1]"),
        ("سارا", "uuid:n1/members[1]", "uuid:n1/members[1]/children[2]"),
        ("نیما", "uuid:n1/members[3]", "uuid:n1/members[3]/children[1]"),
    ]
    member_keys = {m["KEY"] for m in members}
    assert {c["PARENT_KEY"] for c in children} <= member_keys
    main = as_dicts(tables["nested.csv"])[0]
    assert main["location-Altitude"] == "1200.5" and main["location-Accuracy"] == "4.5"
    assert "house-rooms" not in main  # a repeat is a table, not a column


def test_labels_in_thai_and_persian_and_split_select_multiple(world, login):
    version = make_version(world.khlong_toei, form_id="nested", md=NESTED_MD)
    make_parsed_submission(version, nested_data("uuid:n1"), area=world.lock_123)
    client = login(world.khlong_toei_officer)
    fa = read_zip(
        streamed(
            _download(client, version.form, label_language="fa", labels="on", header_labels="on")
        )
    )
    main = as_dicts(fa["nested.csv"])[0]
    assert main["تصرف"] == "مالک"
    assert "موقعیت - Latitude" in main
    members = as_dicts(fa["nested-members.csv"])
    assert members[0]["نیازها"] == "معلولیت, سالمند"

    th = read_zip(
        streamed(
            _download(client, version.form, label_language="th", labels="on", split_multiple="on")
        )
    )
    assert as_dicts(th["nested.csv"])[0]["house-tenure"] == "เจ้าของ"
    header = th["nested-members.csv"][0]
    assert header[:4] == ["member_name", "needs", "needs/disability", "needs/elderly"]
    rows = as_dicts(th["nested-members.csv"])
    assert rows[0]["needs"] == "ความพิการ, ผู้สูงอายุ"
    assert (rows[0]["needs/disability"], rows[0]["needs/elderly"]) == ("1", "1")
    assert (rows[1]["needs/disability"], rows[1]["needs/elderly"]) == ("", "")  # unanswered
    assert (rows[2]["needs/disability"], rows[2]["needs/elderly"]) == ("0", "1")

    values = read_zip(streamed(_download(client, version.form)))
    assert as_dicts(values["nested.csv"])[0]["house-tenure"] == "owner"


def test_filters_campaign_area_state_and_dates(world, login):
    from datetime import datetime

    from django.utils import timezone

    from mahalla.surveys.models import Campaign

    version = make_version(world.khlong_toei)
    campaign = Campaign.objects.create(area=world.khlong_toei, name_en="Round 1")
    campaign.form_versions.add(version)
    old = timezone.make_aware(datetime(2026, 1, 10, 12, 0))
    make_parsed_submission(version, area=world.lock_123, instance_id="uuid:a", campaign=campaign)
    make_parsed_submission(version, area=world.rim_khlong, instance_id="uuid:b", created_at=old)
    make_parsed_submission(
        version, area=world.rim_khlong, instance_id="uuid:c", review_state=ReviewState.REJECTED
    )
    client = login(world.khlong_toei_officer)

    def keys(**params) -> set[str]:
        response = _download(client, version.form, **params)
        assert response.status_code == 200, response.content[:500]
        return {r["KEY"] for r in as_dicts(read_zip(streamed(response))["household.csv"])}

    assert keys() == {"uuid:a", "uuid:b", "uuid:c"}
    assert keys(campaign=campaign.pk) == {"uuid:a"}
    assert keys(area=world.lock_123.pk) == {"uuid:a"}
    assert keys(area=world.khlong_toei.pk) == {"uuid:a", "uuid:b", "uuid:c"}
    assert keys(states=["rejected", "approved"]) == {"uuid:c"}
    assert keys(until="2026-01-10") == {"uuid:b"}
    assert keys(since="2026-01-11") == {"uuid:a", "uuid:c"}
    # Dates in the reader's calendar: 10 January 2026 is ۱۴۰۴/۱۰/۲۰ in Persian.
    client.post(reverse("set_language"), {"language": "fa"})
    assert keys(until="۱۴۰۴/۱۰/۲۰") == {"uuid:b"}
    bad = _download(client, version.form, since="2026-02-01", until="2026-01-01")
    assert bad.status_code == 400
    assert _download(client, version.form, since="not a date").status_code == 400
    assert _download(client, version.form, format="pdf").status_code == 400


def test_out_of_scope_submissions_never_exported(world, login):
    version = make_version(world.bangkok)
    make_parsed_submission(version, area=world.lock_123, instance_id="uuid:kt")
    make_parsed_submission(version, area=world.pathum_wan, instance_id="uuid:pw")
    viewer = make_user("bkk_viewer")
    grant(viewer, Role.DISTRICT_OFFICER, area=world.bangkok)
    kt = read_zip(streamed(_download(login(world.khlong_toei_officer), version.form)))
    assert {r["KEY"] for r in as_dicts(kt["household.csv"])} == {"uuid:kt"}
    assert all(r["PARENT_KEY"] == "uuid:kt" for r in as_dicts(kt["household-members.csv"]))
    everyone = read_zip(streamed(_download(login(viewer), version.form)))
    assert {r["KEY"] for r in as_dicts(everyone["household.csv"])} == {"uuid:kt", "uuid:pw"}


def test_attachments_streamed_into_media(world, login):
    from django.core.files.base import ContentFile

    from mahalla.surveys.models import Attachment

    version = make_version(world.khlong_toei)
    submission = make_parsed_submission(version, area=world.lock_123)
    photo = Attachment(version=submission.current, name="house.jpg", size=4)
    photo.file.save("house.jpg", ContentFile(b"\xff\xd8jp"), save=True)
    Attachment.objects.create(version=submission.current, name="missing.jpg")
    client = login(world.khlong_toei_officer)
    response = _download(client, version.form, attachments="on")
    with zipfile.ZipFile(io.BytesIO(streamed(response))) as archive:
        assert archive.read("media/house.jpg") == b"\xff\xd8jp"
        assert "media/missing.jpg" not in archive.namelist()
    main = as_dicts(read_zip(streamed(_download(client, version.form)))["household.csv"])[0]
    assert (main["AttachmentsPresent"], main["AttachmentsExpected"]) == ("1", "2")
    without = zipfile.ZipFile(io.BytesIO(streamed(_download(client, version.form))))
    assert not [n for n in without.namelist() if n.startswith("media/")]


def test_limits_refuse_with_a_message(world, login, settings):
    version = make_version(world.khlong_toei)
    for _ in range(3):
        make_parsed_submission(version, area=world.lock_123)
    settings.SURVEY_EXPORT_MAX_ROWS = 2
    response = _download(login(world.khlong_toei_officer), version.form)
    assert response.status_code == 400
    assert b"export-refused" in response.content


def test_unparsed_submission_keeps_its_main_row(world, login):
    from mahalla.surveys.models import SubmissionVersion

    version = make_version(world.khlong_toei)
    submission = make_parsed_submission(version, area=world.lock_123, instance_id="uuid:raw")
    SubmissionVersion.objects.filter(pk=submission.current_id).update(data=None)
    tables = read_zip(streamed(_download(login(world.khlong_toei_officer), version.form)))
    rows = as_dicts(tables["household.csv"])
    assert [r["KEY"] for r in rows] == ["uuid:raw"] and rows[0]["hh_name"] == ""
    assert as_dicts(tables["household-members.csv"]) == []


def test_filename_is_ascii_with_utf8_variant(world, login):
    version = make_version(world.khlong_toei)
    version.form.name_en = ""
    version.form.name_th = "แบบสำรวจครัวเรือน"
    version.form.save()
    client = login(world.khlong_toei_officer)
    client.post(reverse("set_language"), {"language": "th"})
    disposition = _download(client, version.form)["Content-Disposition"]
    assert disposition.startswith('attachment; filename="household-')
    assert disposition.split('filename="')[1].split('"')[0].isascii()
    assert "filename*=UTF-8''%E0%B9%81" in disposition and disposition.endswith(".csv.zip")


def test_sheet_and_file_names_unique_and_short():
    fields = [
        {"path": "/a", "name": "a", "type": "group", "repeat": ""},
        {"path": "/a/items", "name": "items", "type": "repeat", "repeat": ""},
        {"path": "/a/items/x", "name": "x", "type": "text", "repeat": "/a/items"},
        {"path": "/b", "name": "b", "type": "group", "repeat": ""},
        {"path": "/b/items", "name": "items", "type": "repeat", "repeat": ""},
        {"path": "/b/items/y", "name": "y", "type": "text", "repeat": "/b/items"},
        {"path": "/" + "z" * 40, "name": "z" * 40, "type": "repeat", "repeat": ""},
        {"path": "/" + "z" * 40 + "2", "name": "z" * 40 + "2", "type": "repeat", "repeat": ""},
    ]
    main = build_tables(fields, "form:with/odd*chars", Options())
    tables = list(walk(main))
    assert [t.file_stem for t in tables[1:3]] == [
        "form_with_odd_chars-items~1",
        "form_with_odd_chars-items~2",
    ]
    sheets = [t.sheet for t in tables]
    assert len({s.lower() for s in sheets}) == len(sheets)
    assert all(len(s) <= 31 and not set(s) & set("[]:*?/\\") for s in sheets)
