"""The submission pages: list with filters, one submission, review, comments, my submissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.surveys.models import Attachment, Submission, SubmissionComment
from mahalla.surveys.submissions.review import submission_review
from mahalla.surveys.testing import make_submission, make_version
from mahalla.testing import grant, make_user

pytestmark = pytest.mark.django_db

LIST = reverse("surveys:submission_list")


def _detail(submission) -> str:
    return reverse("surveys:submission_detail", kwargs={"pk": submission.pk})


@pytest.fixture
def version(world):
    return make_version(world.bangkok)


@pytest.fixture
def surveyor(world):
    person = make_user("surveyor_ann", first_name="Ann")
    grant(person, Role.SURVEYOR, area=world.lock_123)
    return person


def test_the_list_shows_what_is_in_scope_with_a_fixed_number_of_queries(world, version, login):
    client = login(world.khlong_toei_officer)
    for _ in range(3):
        make_submission(version)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for _ in range(6):
        make_submission(version)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert len(many) == len(few)
    assert response.content.decode().count('class="card card-linked"') == 9


def test_the_list_filters_by_state_area_form_dates_and_instance_id(world, version, login):
    client = login(world.khlong_toei_officer)
    inside = make_submission(version, instance_id="uuid:inside-lock")
    district = make_submission(version, instance_id="uuid:district", location=(100.58, 13.73))
    submission_review(submission=district, user=world.khlong_toei_officer, state="approved")

    def ids(**params):
        content = client.get(LIST, params).content.decode()
        return {s for s in ("uuid:inside-lock", "uuid:district") if s in content}

    assert ids() == {"uuid:inside-lock", "uuid:district"}
    assert ids(state="approved") == {"uuid:district"}
    assert ids(area=world.lock_123.pk) == {"uuid:inside-lock"}
    assert ids(area=world.khlong_toei.pk) == {"uuid:inside-lock", "uuid:district"}
    assert ids(form=version.form.pk, q="inside") == {"uuid:inside-lock"}
    today = dt.date.today()
    assert ids(received_from=(today + dt.timedelta(days=2)).isoformat()) == set()
    assert inside.pk


def test_someone_without_the_permission_anywhere_is_refused(world, login, surveyor):
    assert login(world.treasurer).get(LIST).status_code == 403
    assert login(surveyor).get(LIST).status_code == 403
    assert login().get(LIST).status_code == 302


def test_the_detail_shows_labels_in_the_readers_language(world, version, login):
    submission = make_submission(version)
    client = login(world.khlong_toei_officer)
    th = client.get(_detail(submission), headers={"accept-language": "th"}).content.decode()
    assert "การถือครอง" in th and "ผู้เช่า" in th and "ความต้องการ" in th and "ผู้สูงอายุ" in th
    assert "ล็อค 1-2-3" in th
    assert "repeat-table" in th
    fa = client.get(_detail(submission), headers={"accept-language": "fa"}).content.decode()
    assert "تصرف" in fa and "مستأجر" in fa and "۵۴" in fa
    assert "?spot=100.560000,13.710000#area-map" in fa


def test_a_broken_submission_shows_its_parse_error(world, version, login):
    submission = make_submission(version, xml=b"<data><hh_name>half")
    submission.area = world.lock_123
    submission.save()
    content = login(world.khlong_toei_officer).get(_detail(submission)).content.decode()
    assert 'id="parse-error"' in content and "broken near line" in content


def test_a_submission_outside_every_area_says_so(world, version, login):
    submission = make_submission(version, location=(51.42, 35.68))  # in Tehran's district 12
    assert submission.area == world.tehran_d12
    submission = make_submission(version, location=(2.35, 48.85))
    content = login(world.admin).get(_detail(submission)).content.decode()
    assert "The location lies outside every area." in content


def test_out_of_scope_is_404(world, version, login):
    submission = make_submission(version)
    assert login(world.pathum_wan_officer).get(_detail(submission)).status_code == 404


def test_review_asks_for_confirmation_then_applies(world, version, login):
    submission = make_submission(version)
    client = login(world.khlong_toei_officer)
    url = reverse("surveys:submission_review", kwargs={"pk": submission.pk})
    page = client.post(url, {"state": "has_issues", "comment": "Check the age"})
    assert page.status_code == 200 and 'id="confirm-review"' in page.content.decode()
    assert Submission.objects.get().review_state == "received"
    done = client.post(url, {"state": "has_issues", "comment": "Check the age", "confirmed": "1"})
    assert done.status_code == 302
    assert Submission.objects.get().review_state == "has_issues"
    detail = client.get(_detail(submission), headers={"accept-language": "en"}).content.decode()
    history = detail[detail.index('id="history"') :]
    assert "has issues" in history and "Latitude" not in history
    refused = client.post(url, {"state": "rejected", "comment": "", "confirmed": "1"})
    assert "Say in a comment what is wrong" in refused.content.decode()
    assert Submission.objects.get().review_state == "has_issues"


def test_review_is_refused_to_readers_without_review(world, version, login):
    submission = make_submission(version)
    auditor = make_user("auditor_kt")
    grant(auditor, Role.AUDITOR, area=world.khlong_toei)
    url = reverse("surveys:submission_review", kwargs={"pk": submission.pk})
    client = login(auditor)
    assert client.get(_detail(submission)).status_code == 200
    assert "review-form" not in client.get(_detail(submission)).content.decode()
    assert client.post(url, {"state": "approved", "confirmed": "1"}).status_code == 403
    assert Submission.objects.get().review_state == "received"


def test_my_submissions_show_the_reviewers_comments(world, version, login, surveyor):
    own = make_submission(version, user=surveyor, instance_id="uuid:mine")
    make_submission(version, instance_id="uuid:not-mine")
    submission_review(
        submission=own, user=world.khlong_toei_officer, state="rejected", comment="Wrong house"
    )
    client = login(surveyor)
    content = client.get(reverse("surveys:my_submissions")).content.decode()
    assert "uuid:mine" in content and "Wrong house" in content
    assert "uuid:not-mine" not in content
    assert client.get(_detail(own)).status_code == 200
    other = Submission.objects.get(instance_id="uuid:not-mine")
    assert client.get(_detail(other)).status_code == 404
    client.post(reverse("surveys:submission_comment", kwargs={"pk": own.pk}), {"body": "Fixed"})
    assert SubmissionComment.objects.filter(author=surveyor, body="Fixed").exists()


def _attach(submission, name: str, content: bytes, content_type: str) -> Attachment:
    attachment = Attachment(version=submission.current, name=name, content_type=content_type)
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.size = len(content)
    attachment.save()
    return attachment


def test_attachments_are_downloads_with_a_safe_type(world, version, login, surveyor):
    submission = make_submission(version, user=surveyor, photo="house.jpg")
    photo = _attach(submission, "house.jpg", b"\xff\xd8jpeg", "image/jpeg")
    svg = _attach(submission, "x.svg", b"<svg onload='alert(1)'/>", "image/svg+xml")
    html = _attach(submission, "x.html", b"<script>alert(1)</script>", "text/html")
    officer = login(world.khlong_toei_officer)

    def get(client, attachment):
        return client.get(reverse("surveys:submission_attachment", kwargs={"pk": attachment.pk}))

    response = get(officer, photo)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"\xff\xd8jpeg"
    for hostile in (svg, html):
        response = get(officer, hostile)
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
    assert get(login(surveyor), photo).status_code == 200
    assert get(login(world.pathum_wan_officer), photo).status_code == 404
    assert get(login(world.treasurer), photo).status_code == 404
    assert get(login(), photo).status_code == 302
    detail = officer.get(_detail(submission)).content.decode()
    assert reverse("surveys:submission_attachment", kwargs={"pk": photo.pk}) in detail


def test_versions_show_a_diff(world, version, login):
    submission = make_submission(version)
    make_submission(
        version,
        submission=submission,
        instance_id="uuid:edit",
        deprecated_id=submission.instance_id,
        tenure="owner",
    )
    content = (
        login(world.khlong_toei_officer)
        .get(_detail(submission), headers={"accept-language": "en"})
        .content.decode()
    )
    assert "version-diff" in content and "Tenant" in content and "Owner" in content


def test_managers_rerun_the_parse_of_a_form(world, login):
    version = make_version(world.khlong_toei, form_id="kt_form")
    make_submission(version, process=False)
    client = login(world.khlong_toei_officer)
    listing = client.get(LIST, {"form": version.form.pk}).content.decode()
    assert reverse("surveys:submission_reparse", kwargs={"form_pk": version.form.pk}) in listing
    response = client.post(
        reverse("surveys:submission_reparse", kwargs={"form_pk": version.form.pk})
    )
    assert response.status_code == 302
    page = client.get(response["Location"], headers={"accept-language": "en"}).content.decode()
    assert "1 submissions read again: 1 read, 0 could not be read, 1 placed in an area." in page
    assert Submission.objects.get().area == world.lock_123
    assert login(world.pathum_wan_officer).get(response["Location"]).status_code == 404


def test_nested_repeats_show_as_tables_within_tables(world, login):
    from mahalla.surveys.testing import NESTED_MD

    version = make_version(world.bangkok, form_id="buildings", md=NESTED_MD)
    xml = (
        b'<data id="buildings"><plot>13.701 100.556 0 3;13.701 100.558 0 3;13.703 100.558 0 3'
        b"</plot><buildings><use>home</use><floors><floor_area>20.5</floor_area></floors>"
        b"<floors><floor_area>18</floor_area></floors></buildings><photo>a.jpg</photo>"
        b"<meta><instanceID>uuid:nested</instanceID></meta></data>"
    )
    submission = make_submission(version, xml=xml)
    content = (
        login(world.khlong_toei_officer)
        .get(_detail(submission), headers={"accept-language": "fa"})
        .content.decode()
    )
    assert content.count('class="repeat-table"') == 2
    assert "مساحت طبقه" in content and "۲۰٫۵" in content
    assert "file not received yet" in content or "a.jpg" in content
