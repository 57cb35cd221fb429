"""Calendar feeds and the minutes PDF."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from icalendar import Calendar

from mahalla.governance.services.feeds import feed_token
from mahalla.governance.services.meetings import meeting_schedule
from mahalla.governance.testing import tehran_time


def test_a_person_feed_lists_the_meetings_of_their_bodies(world, council, login):
    meeting = meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 12, 20)), invite=False,
        location="فرمانداری",
    )  # fmt: skip
    meeting_schedule(
        body=council.parent, by=None, starts_at=tehran_time(date(2026, 12, 21)), invite=False
    )
    token = feed_token(council.chair).token
    response = login().get(reverse("governance:person_feed", kwargs={"token": token}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["location"]) for e in events] == ["فرمانداری"]
    assert events[0].decoded("dtstart") == meeting.starts_at
    assert str(events[0]["summary"]) == council.body.name_fa  # the chair reads Persian
    assert (
        login().get(reverse("governance:person_feed", kwargs={"token": "nope"})).status_code == 404
    )


def test_a_new_link_retires_the_old_one(world, council, login):
    old = feed_token(council.secretary).token
    client = login(council.secretary)
    assert client.post(reverse("governance:feed_renew")).status_code == 302
    assert login().get(reverse("governance:person_feed", kwargs={"token": old})).status_code == 404
    page = client.get(reverse("governance:attention"))
    assert feed_token(council.secretary).token in page.content.decode()


def test_a_closed_body_feed_needs_a_reader(world, council, login):
    council.body.is_public = False
    council.body.save()
    url = reverse("governance:body_feed", kwargs={"pk": council.body.pk})
    assert login().get(url).status_code == 404
    assert login(world.khlong_toei_officer).get(url).status_code == 404
    assert login(world.tehran_secretary).get(url).status_code == 200
    token = feed_token(world.tehran_secretary).token
    assert login().get(url, {"token": token}).status_code == 200
    council.body.is_public = True
    council.body.save()
    assert login().get(url).status_code == 200


def test_the_minutes_pdf_in_persian(world, council, login):
    meeting = meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 11, 20)), invite=False
    )
    meeting.minutes = "صورتجلسه نشست شورا"
    meeting.save()
    client = login(world.tehran_secretary)
    client.cookies["mahalla_language"] = "fa"
    response = client.get(reverse("governance:minutes_pdf", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Closed minutes: someone who sees the body but does not sit on it gets no PDF.
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    outsider = make_user("outsider_pdf")
    grant(outsider, Role.SURVEYOR, area=world.tehran)
    url = reverse("governance:minutes_pdf", kwargs={"pk": meeting.pk})
    assert login(outsider).get(url).status_code == 403


def test_meeting_attachments_are_as_closed_as_its_minutes(world, council, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    meeting = meeting_schedule(
        body=council.body, by=None, starts_at=tehran_time(date(2026, 11, 20)), invite=False
    )
    client = login(world.tehran_secretary)
    upload = reverse("governance:meeting_file_upload", kwargs={"pk": meeting.pk})
    response = client.post(upload, {"file": SimpleUploadedFile("حضور.pdf", b"%PDF-1.4 x")})
    assert response.status_code == 302
    attachment = meeting.attachments.get()
    url = reverse("governance:meeting_file", kwargs={"pk": attachment.pk})
    assert client.get(url).status_code == 200
    outsider = make_user("outsider_files")
    grant(outsider, Role.SURVEYOR, area=world.tehran)
    assert login(outsider).get(url).status_code == 403
    assert (
        login(outsider).post(upload, {"file": SimpleUploadedFile("x.txt", b"x")}).status_code == 403
    )
    assert login(world.khlong_toei_officer).get(url).status_code == 404
    assert meeting.attachments.count() == 1
