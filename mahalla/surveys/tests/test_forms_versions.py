"""Versions: draft → published, a published version never changes, version strings are used
once, and a question's type may not change between versions (as ODK Central)."""

from __future__ import annotations

import pytest

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.forms import services
from mahalla.surveys.models import Form, FormVersion
from mahalla.surveys.tests.xlsforms import SURVEY, settings_rows, xlsx


def upload(world, *, form=None, version="1", survey=None, form_id="houses", user=None):
    return services.create_version_from_upload(
        user=user or world.khlong_toei_officer,
        area=world.khlong_toei,
        form=form,
        uploaded_file=xlsx(survey=survey, settings=settings_rows(form_id=form_id, version=version)),
    )


def refusal(call) -> list[str]:
    with pytest.raises(services.FormError) as caught:
        call()
    return [render_text(m) for m in caught.value.messages]


def test_a_new_upload_is_a_draft_and_publishing_it_records_who_and_when(world):
    version = upload(world)
    assert version.state == FormVersion.State.DRAFT and version.published_at is None
    published = services.publish(version, world.khlong_toei_officer)
    assert published.is_published and published.published_by == world.khlong_toei_officer
    assert services.current_version(version.form) == published


def test_a_published_version_is_never_published_again(world):
    version = services.publish(upload(world), world.khlong_toei_officer)
    assert refusal(lambda: services.publish(version, world.admin)) == [
        "Version 1 is not a draft: it cannot be published again."
    ]


def test_a_new_version_of_the_same_form_id_is_a_new_draft(world):
    first = services.publish(upload(world), world.khlong_toei_officer)
    second = upload(world, version="2")
    assert second.form == first.form and second.state == FormVersion.State.DRAFT
    assert Form.objects.count() == 1
    first.refresh_from_db()
    assert first.is_published


def test_a_version_string_already_published_is_refused_and_the_published_version_unchanged(world):
    first = services.publish(upload(world), world.khlong_toei_officer)
    before = (first.xform, first.fields, first.xform_md5)
    survey = [*SURVEY, ["text", "extra", "Extra"]]
    assert refusal(lambda: upload(world, survey=survey)) == [
        "Version 1 of this form exists already. Change the version on the settings sheet and "
        "upload again."
    ]
    first.refresh_from_db()
    assert (first.xform, first.fields, first.xform_md5) == before
    assert FormVersion.objects.count() == 1


def test_uploading_a_draft_again_with_the_same_version_replaces_the_draft(world):
    upload(world)
    again = upload(world, survey=[*SURVEY, ["text", "extra", "Extra"]])
    assert FormVersion.objects.count() == 1
    assert "extra" in [f["name"] for f in again.fields]


def test_a_question_changing_type_is_refused_with_its_name(world):
    services.publish(upload(world), world.khlong_toei_officer)
    changed = [r if r[1] != "rooms" else ["date", "rooms", "Rooms"] for r in SURVEY]
    texts = refusal(lambda: upload(world, version="2", survey=changed))
    assert len(texts) == 1
    assert "rooms (/rooms)" in texts[0]
    assert "integer" in texts[0] and "date" in texts[0]
    assert FormVersion.objects.count() == 1


def test_a_question_may_become_text_but_a_group_may_not(world):
    services.publish(upload(world), world.khlong_toei_officer)
    to_text = [r if r[1] != "rooms" else ["text", "rooms", "Rooms"] for r in SURVEY]
    assert upload(world, version="2", survey=to_text).state == FormVersion.State.DRAFT


def test_the_new_version_keeps_questions_added_and_removed(world):
    services.publish(upload(world), world.khlong_toei_officer)
    fewer = [r for r in SURVEY if r[1] != "rooms"] + [["text", "street", "Street"]]
    version = upload(world, version="2", survey=fewer)
    names = [f["name"] for f in version.fields]
    assert "rooms" not in names and "street" in names


def test_a_file_for_another_form_id_is_refused_as_a_new_version(world):
    version = upload(world)
    texts = refusal(lambda: upload(world, form=version.form, version="2", form_id="other"))
    assert "other" in texts[0] and "houses" in texts[0]


def test_a_form_id_of_an_area_out_of_scope_is_refused(world):
    from mahalla.surveys.testing import make_version

    make_version(world.pathum_wan, form_id="houses")
    texts = refusal(lambda: upload(world, version="9"))
    assert "houses" in texts[0]
    assert FormVersion.objects.count() == 1


def test_the_fields_match_the_test_helper(world):
    """make_version (the helper other tests use) and the upload service store the same facts."""
    from mahalla.surveys import xform_fields
    from mahalla.surveys.testing import HOUSEHOLD_MD, convert_md

    result = convert_md(HOUSEHOLD_MD, form_id="houses", version="1")
    expected = xform_fields.flatten(result._pyxform)
    survey = [
        ["type", "name", "label::English (en)", "label::Thai (th)", "label::Persian (fa)"],
        ["text", "hh_name", "Household name", "ชื่อครัวเรือน", "نام خانوار"],
        ["geopoint", "location", "Location", "ที่ตั้ง", "موقعیت"],
        ["begin group", "house", "House", "บ้าน", "خانه"],
        ["select_one tenure", "tenure", "Tenure", "การถือครอง", "تصرف"],
        ["integer", "rooms", "Rooms", "ห้อง", "اتاق"],
        ["end group", "", "", "", ""],
        ["begin repeat", "members", "Members", "สมาชิก", "اعضا"],
        ["text", "member_name", "Name", "ชื่อ", "نام"],
        ["integer", "age", "Age", "อายุ", "سن"],
        ["select_multiple needs", "needs", "Needs", "ความต้องการ", "نیازها"],
        ["end repeat", "", "", "", ""],
    ]
    choices = [
        ["list_name", "name", "label::English (en)", "label::Thai (th)", "label::Persian (fa)"],
        ["tenure", "owner", "Owner", "เจ้าของ", "مالک"],
        ["tenure", "tenant", "Tenant", "ผู้เช่า", "مستأجر"],
        ["tenure", "none", "No documented right", "ไม่มีเอกสารสิทธิ์", "بدون سند"],
        ["needs", "disability", "Disability", "ความพิการ", "معلولیت"],
        ["needs", "elderly", "Elderly", "ผู้สูงอายุ", "سالمند"],
    ]
    version = services.create_version_from_upload(
        user=None,
        area=world.khlong_toei,
        uploaded_file=xlsx(survey=survey, choices=choices),
    )
    assert version.fields == expected
    assert version.languages == ["en", "th", "fa"]


def test_the_service_refuses_an_area_or_form_out_of_the_uploaders_scope(world):
    texts = refusal(
        lambda: services.create_version_from_upload(
            user=world.khlong_toei_officer, area=world.pathum_wan, uploaded_file=xlsx()
        )
    )
    assert texts == ["You may not manage survey forms of this area."]
    version = upload(world)
    texts = refusal(
        lambda: services.create_version_from_upload(
            user=world.pathum_wan_officer,
            form=version.form,
            uploaded_file=xlsx(settings=settings_rows(version="2")),
        )
    )
    assert texts == ["You may not manage survey forms of this area."]
    assert FormVersion.objects.count() == 1


def test_a_draft_with_test_submissions_is_not_replaced(world):
    from mahalla.surveys.models import Submission, SubmissionVersion

    version = upload(world)
    submission = Submission.objects.create(form=version.form, instance_id="uuid:1")
    SubmissionVersion.objects.create(
        submission=submission, instance_id="uuid:1", form_version=version, xml=b"<x/>"
    )
    assert "exists already" in refusal(lambda: upload(world))[0]
    assert FormVersion.objects.get() == version
