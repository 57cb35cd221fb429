"""The governance pages used as a secretary, a focal point, a member and a resident would."""

from __future__ import annotations

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mahalla.governance import clock
from mahalla.governance.models import Body, Meeting, Membership, Notice, Resolution
from mahalla.governance.services.meetings import meeting_schedule
from mahalla.governance.services.resolutions import resolution_create
from mahalla.governance.testing import tehran_time
from mahalla.people.roles import Role
from mahalla.testing import grant, make_user

AGENDA = "بند یک\nبند دو"


def _fa(client):
    client.cookies["mahalla_language"] = "fa"
    return client


def _resolution(council, **kwargs):
    fields = {
        "text": "گزارش سراهای محله ارائه شود.",
        "responsible": [council.municipality],
        "deadline": date(2027, 1, 10),
    }
    fields.update(kwargs)
    return resolution_create(body=council.body, by=council.secretary, **fields)


def test_the_list_is_scoped_searchable_and_its_queries_bounded(world, council, login):
    types = council.body.body_type
    for i in range(30):
        Body.objects.create(
            body_type=types,
            area=world.tehran,
            name_fa=f"کارگروه {i}",
            calendar=council.body.calendar,
        )
    client = _fa(login(world.tehran_secretary))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("governance:body_list"))
    assert response.status_code == 200
    assert len(queries) <= 12
    # Arabic ي and ك typed for Persian ی and ک still find the council.
    found = client.get(reverse("governance:body_list"), {"q": "شوراي راهبري"})
    assert "شورای راهبری شهرستان تهران" in found.content.decode()
    assert "کارگروه ۱" not in found.content.decode()
    # Out of scope: the Khlong Toei officer sees none of Tehran's bodies.
    other = login(world.khlong_toei_officer).get(reverse("governance:body_list"))
    assert "Tehran County Steering Council" not in other.content.decode()


def test_the_body_page_names_what_its_composition_lacks(world, council, login):
    council.body.memberships.filter(role="chair").update(term_end=date(2025, 6, 1))
    page = _fa(login(world.tehran_secretary)).get(
        reverse("governance:body_detail", kwargs={"pk": council.body.pk})
    )
    text = page.content.decode()
    assert 'data-code="no_chair"' in text
    assert 'data-code="seats_government_agency"' in text  # two agency seats, none filled
    assert 'data-code="expired"' in text and "فرماندار" in text
    assert "The body has no chair." not in text  # the warnings speak Persian


def test_adding_a_second_chair_in_the_same_term_is_refused(world, council, login):
    client = _fa(login(world.tehran_secretary))
    url = reverse("governance:membership_add", kwargs={"pk": council.body.pk})
    before = Membership.objects.count()
    response = client.post(
        url, {"person_name": "نفر دوم", "role": "chair", "term_start": "۱۴۰۵/۰۱/۱۵"}
    )
    assert response.status_code == 200
    assert "فرماندار" in response.content.decode()  # the sitting chair is named
    assert Membership.objects.count() == before
    response = client.post(
        url, {"person_name": "عضو تازه", "role": "member", "term_start": "۱۴۰۵/۰۱/۱۵"}
    )
    assert response.status_code == 302
    added = Membership.objects.get(person_name="عضو تازه")
    assert added.term_start == date(2026, 4, 4)


def test_scheduling_in_persian_digits_invites_the_members(
    world, council, login, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = _fa(login(world.tehran_secretary))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("governance:meeting_new", kwargs={"pk": council.body.pk}),
            {
                "day": "۱۴۰۵/۰۹/۲۰",
                "at": "۱۴:۳۰",
                "location": "فرمانداری",
                "agenda": "بند یک\nبند دو",
            },
        )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime(2026, 12, 11, 14, 30, tzinfo=ZoneInfo("Asia/Tehran"))
    invited = set(
        Notice.objects.filter(code="governance.invitation").values_list("user", flat=True)
    )
    assert invited == {council.chair.pk, council.secretary.pk}
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "secretary@example.org"]
    page = client.get(reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}))
    assert "۱۴۰۵" in page.content.decode() and "بند دو" in page.content.decode()


def test_a_bad_time_names_the_field(world, council, login):
    response = _fa(login(world.tehran_secretary)).post(
        reverse("governance:meeting_new", kwargs={"pk": council.body.pk}),
        {"day": "۱۴۰۵/۱۳/۴۰", "at": "۲۵:۹۹"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"day", "at"}
    assert not Meeting.objects.exists()


@pytest.fixture
def held(council):
    return meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 11, 20)), invite=False
    )


def test_no_resolution_without_quorum(world, council, held, login):
    client = _fa(login(world.tehran_secretary))
    url = reverse("governance:meeting_resolution_new", kwargs={"pk": held.pk})
    data = {
        "text": "پیوست اجتماعی تهیه شود.",
        "responsible": [council.social.pk],
        "period_amount": "۲",
        "period_unit": "weeks",
    }
    client.post(
        reverse("governance:meeting_attendance", kwargs={"pk": held.pk}),
        {f"m{council.members[0].pk}": "on"},
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "حد نصاب" in response.content.decode() or "quorum" in response.content.decode()
    assert not Resolution.objects.exists()
    client.post(
        reverse("governance:meeting_attendance", kwargs={"pk": held.pk}),
        {f"m{m.pk}": "on" for m in council.members[:3]},
    )
    done = client.post(url, data, follow=True)
    flashed = [str(m) for m in done.context["messages"]]
    assert flashed and not any(ch.isascii() and ch.isdigit() for ch in flashed[-1])  # ۱, not 1
    resolution = Resolution.objects.get()
    assert resolution.deadline == date(2026, 12, 5)  # two weeks on: a Saturday, a working day


def test_closed_minutes_are_for_members_only(world, council, held, login):
    held.minutes = "صورتجلسه محرمانه"
    held.save()
    url = reverse("governance:meeting_detail", kwargs={"pk": held.pk})
    # A member without a managing role reads them.
    member = make_user("member_reader")
    grant(member, Role.SURVEYOR, area=world.tehran)
    Membership.objects.filter(pk=council.members[2].pk).update(user=member)
    assert "صورتجلسه محرمانه" in login(member).get(url).content.decode()
    # Someone who sees the body but sits on another one does not.
    outsider = make_user("outsider")
    grant(outsider, Role.SURVEYOR, area=world.tehran)
    page = login(outsider).get(url)
    assert page.status_code == 200 and "صورتجلسه محرمانه" not in page.content.decode()
    # Nor does a resident on the public page, until the minutes are made public.
    public = reverse("governance:public_body", kwargs={"pk": council.body.pk})
    assert "صورتجلسه محرمانه" not in login().get(public).content.decode()
    held.minutes_public = True
    held.save()
    assert "صورتجلسه محرمانه" in login().get(public).content.decode()


def test_two_secretaries_editing_at_once(world, council, login):
    resolution = _resolution(council)
    url = reverse("governance:resolution_edit", kwargs={"pk": resolution.pk})
    form = {"version": "1", "deadline": "۱۴۰۵/۱۱/۰۱", "status": "open"}
    first = _fa(login(world.tehran_secretary)).post(url, {**form, "text": "نسخه اول"})
    assert first.status_code == 302
    second_user = make_user("second_secretary")
    grant(second_user, Role.BODY_SECRETARY, area=world.tehran)
    second = _fa(login(second_user)).post(url, {**form, "text": "نسخه دوم"})
    assert second.status_code == 409
    text = second.content.decode()
    assert "نسخه اول" in text and "نسخه دوم" in text  # theirs shown, mine kept
    assert Resolution.objects.get().text == "نسخه اول"
    again = _fa(login(second_user)).post(
        url, {**form, "version": second.context["edit_form"]["version"].value(), "text": "نسخه دوم"}
    )
    assert again.status_code == 302
    assert Resolution.objects.get().text == "نسخه دوم"


def test_a_focal_point_sees_and_reports_what_is_assigned_to_its_agency(world, council, login):
    mine = _resolution(council)
    elsewhere = Body.objects.create(
        body_type=council.body.body_type,
        area=world.moradabad,
        name_fa="دفتر تسهیلگری مرادآباد",
        calendar=council.body.calendar,
    )
    assigned_far = resolution_create(
        body=elsewhere, by=None, text="هماهنگی", responsible=[council.municipality],
        deadline=date(2027, 2, 1),
    )  # fmt: skip
    not_mine = _resolution(council, responsible=[council.social])
    client = _fa(login(world.focal_point))
    tracker = client.get(
        reverse("governance:organisation_tracker", kwargs={"pk": council.municipality.pk})
    )
    pks = {r.pk for r in tracker.context["resolutions"]}
    assert pks == {mine.pk, assigned_far.pk}
    detail = reverse("governance:resolution_detail", kwargs={"pk": not_mine.pk})
    assert client.get(detail).status_code == 404
    report = client.post(
        reverse("governance:report_new", kwargs={"pk": assigned_far.pk}),
        {"text": "انجام شد", "status": "done", "organisation": council.municipality.pk},
    )
    assert report.status_code == 302
    assigned_far.refresh_from_db()
    assert assigned_far.status == "done"
    # A focal point reports but does not rewrite the resolution.
    edit = client.post(
        reverse("governance:resolution_edit", kwargs={"pk": assigned_far.pk}),
        {"version": "2", "text": "x", "deadline": "۱۴۰۶/۰۱/۰۱", "status": "open"},
    )
    assert edit.status_code == 403
    assert Resolution.objects.get(pk=assigned_far.pk).text == "هماهنگی"


def test_the_tracker_counts_on_time_and_keeps_its_queries_bounded(world, council, login):
    def page_queries():
        client = login(world.tehran_secretary)
        url = reverse("governance:organisation_tracker", kwargs={"pk": council.municipality.pk})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    for _ in range(3):
        _resolution(council)
    small, _ = page_queries()
    for _ in range(40):
        _resolution(council, responsible=[council.municipality, council.social])
    large, response = page_queries()
    assert large == small
    assert response.context["compliance"].open == 43


def test_on_time_rate_and_delay(world, council):
    from mahalla.governance.selectors import compliance

    on_time = _resolution(council)
    late = _resolution(council)
    Resolution.objects.filter(pk=on_time.pk).update(status="done", done_on=date(2027, 1, 5))
    Resolution.objects.filter(pk=late.pk).update(status="done", done_on=date(2027, 1, 14))
    overdue = _resolution(council)
    result = compliance(Resolution.objects.all(), date(2027, 1, 20))
    assert (result.done, result.done_on_time, result.overdue) == (2, 1, 1)
    assert result.on_time_rate == pytest.approx(1 / 3)
    assert result.average_delay_days == pytest.approx((4 + 10) / 2)
    assert overdue.pk


def test_the_csv_opens_in_excel_with_persian_text(world, council, login):
    _resolution(council)
    response = _fa(login(world.tehran_secretary)).get(
        reverse("governance:organisation_csv", kwargs={"pk": council.municipality.pk})
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "گزارش سراهای محله ارائه شود." in body and "۱۴۰۵" in body


def test_moving_the_clock_makes_it_overdue_on_the_pages(world, council, login):
    resolution = _resolution(council, deadline=date(2026, 12, 20))
    url = reverse("governance:resolution_detail", kwargs={"pk": resolution.pk})
    client = _fa(login(world.tehran_secretary))
    assert "badge-overdue" not in client.get(url).content.decode()
    later = datetime(2026, 12, 26, 9, tzinfo=ZoneInfo("Asia/Tehran"))
    with mock.patch.object(clock, "now", return_value=later):
        assert "badge-overdue" in client.get(url).content.decode()
        attention = client.get(reverse("governance:attention"))
    assert resolution in list(attention.context["overdue"])


def test_a_report_attachment_is_served_to_who_sees_the_resolution(world, council, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resolution = _resolution(council)
    client = login(world.tehran_secretary)
    client.post(
        reverse("governance:report_new", kwargs={"pk": resolution.pk}),
        {"text": "گزارش", "attachment": SimpleUploadedFile("گزارش.pdf", b"%PDF-1.4 test")},
    )
    report = resolution.reports.get()
    url = reverse("governance:report_attachment", kwargs={"pk": report.pk})
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert login(world.khlong_toei_officer).get(url).status_code == 404


def test_the_attention_page_shows_the_day_digest(world, council, login):
    from mahalla.governance.services.escalation import escalate

    _resolution(council, deadline=date(2026, 12, 20))
    escalate(date(2026, 12, 22), email=False)
    client = _fa(login(world.tehran_secretary))
    page = client.get(reverse("governance:attention"))
    text = page.content.decode()
    assert "۱۴۰۵" in text and "۱" in text
    assert not Notice.objects.filter(user=world.tehran_secretary, read_at__isnull=True).exists()


def test_a_resident_update_reaches_the_body(world, council, login):
    resolution = _resolution(council)
    url = reverse("governance:public_resolution", kwargs={"pk": resolution.pk})
    client = _fa(login())
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "  "}).status_code == 400
    response = client.post(url, {"name": "همسایه", "text": "کار هنوز شروع نشده است."})
    assert response.status_code == 302
    report = resolution.reports.get()
    assert report.from_resident and report.author is None
    told = Notice.objects.filter(code="governance.report_posted").values_list("user", flat=True)
    assert set(told) == {council.chair.pk, council.secretary.pk}
    # A robot that fills the hidden field is thanked and ignored.
    client.post(url, {"text": "spam", "website": "http://spam"})
    assert resolution.reports.count() == 1
    council.body.is_public = False
    council.body.save()
    assert client.get(url).status_code == 404


def test_a_secretary_creates_and_changes_a_body(world, council, login):
    from mahalla.governance.models import BodyType, WorkCalendar

    client = _fa(login(world.tehran_secretary))
    page = client.get(reverse("governance:body_new"))
    assert page.status_code == 200
    assert page.context["form"].initial["calendar"].code == "iran"
    data = {
        "body_type": BodyType.objects.get(code="board_of_trustees").pk,
        "area": world.tehran_d12.pk,
        "name_fa": "هیئت امنای محله نمونه",
        "parent": council.body.pk,
        "calendar": WorkCalendar.objects.get(code="iran").pk,
        "is_public": "on",
    }
    # Outside the secretary's scope: Khlong Toei is not offered.
    refused = client.post(reverse("governance:body_new"), {**data, "area": world.khlong_toei.pk})
    assert refused.status_code == 200 and "area" in refused.context["form"].errors
    assert client.post(reverse("governance:body_new"), {**data, "name_fa": ""}).status_code == 200
    response = client.post(reverse("governance:body_new"), data)
    assert response.status_code == 302
    body = Body.objects.get(name_fa="هیئت امنای محله نمونه")
    assert body.parent == council.body and body.history.count() == 1
    # A body cannot be put under itself through its child.
    edit = reverse("governance:body_edit", kwargs={"pk": council.body.pk})
    looped = client.post(
        edit, {**data, "name_fa": "شورا", "parent": body.pk, "area": world.tehran.pk}
    )
    assert looped.status_code == 200 and "parent" in looped.context["form"].errors
    assert login(world.khlong_toei_officer).get(edit).status_code == 404


def test_a_body_csv_and_an_area_tracker_over_its_subtree(world, council, login):
    _resolution(council)
    client = _fa(login(world.tehran_secretary))
    csv = client.get(reverse("governance:body_csv", kwargs={"pk": council.body.pk}))
    assert "گزارش سراهای محله ارائه شود." in b"".join(csv.streaming_content).decode()
    # Tehran's page counts the council sitting on Tehran and a board of a district beneath.
    board = Body.objects.create(
        body_type=council.body.body_type,
        area=world.tehran_d12,
        name_fa="هیئت امنا",
        calendar=council.body.calendar,
    )
    resolution_create(
        body=board,
        by=None,
        text="مصوبهٔ منطقه",
        responsible=[council.social],
        deadline=date(2027, 1, 1),
    )
    page = client.get(reverse("governance:neighbourhood", kwargs={"pk": world.tehran.pk}))
    assert page.context["open_count"] == 2
