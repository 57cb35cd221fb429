# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""Submissions through the OpenRosa endpoint and the intake service: raw first, resends,
conflicts, split attachments, edits, and refusals (unknown, unpublished, closed)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from unittest import mock

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mahalla.surveys.models import (
    Attachment,
    Campaign,
    FormVersion,
    ReviewState,
    Submission,
    SubmissionVersion,
)
from mahalla.surveys.openrosa.intake import receive_submission
from mahalla.surveys.testing import household_xml, make_version
from mahalla.surveys.tests.openrosa_fixtures import (  # noqa: F401
    PHOTO,
    app_user,
    campaign,
    key_url,
    post,
    version,
)

pytestmark = pytest.mark.django_db
RESPONSE = "{http://openrosa.org/http/response}"


def _message(response) -> tuple[str, str]:
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{RESPONSE}OpenRosaResponse"
    message = root.find(f"{RESPONSE}message")
    return message.get("nature"), message.text


def _counts():
    return Submission.objects.count(), SubmissionVersion.objects.count(), Attachment.objects.count()


def test_a_submission_is_stored_raw_with_its_photo_and_processed_after_commit(
    client, app_user, version, campaign, django_capture_on_commit_callbacks
):
    xml = household_xml(version, instance_id="uuid:one", photo="house.jpg")
    with (
        mock.patch("mahalla.surveys.submissions.processing.process_version") as process,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(
            client,
            key_url(app_user, "submission") + "?deviceID=collect:abc",
            xml,
            [("house.jpg", PHOTO, "image/jpeg")],
            HTTP_USER_AGENT="org.odk.collect.android/v2024.3",
        )
    assert response.status_code == 201
    assert response["X-OpenRosa-Version"] == "1.0"
    assert _message(response)[0] == "submit_success"
    submission = Submission.objects.get()
    stored = submission.current
    assert bytes(stored.xml) == xml
    assert stored.xml_sha256 == hashlib.sha256(xml).hexdigest()
    assert stored.form_version == version
    assert stored.device_id == "collect:abc"
    assert stored.user_agent.startswith("org.odk.collect")
    assert (submission.campaign, submission.app_user, stored.app_user) == (
        campaign,
        app_user,
        app_user,
    )
    assert submission.instance_id == "uuid:one"
    assert submission.review_state == ReviewState.RECEIVED
    photo = stored.attachments.get()
    assert photo.name == "house.jpg"
    assert photo.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert (photo.size, photo.content_type) == (len(PHOTO), "image/jpeg")
    assert photo.file.read() == PHOTO
    process.assert_called_once_with(stored.pk)


def test_identical_resend_is_202_and_stores_nothing_twice(client, app_user, version):
    xml = household_xml(version, photo="house.jpg")
    files = [("house.jpg", PHOTO, "image/jpeg")]
    assert post(client, key_url(app_user, "submission"), xml, files).status_code == 201
    before = _counts()
    response = post(client, key_url(app_user, "submission"), xml, files)
    assert response.status_code == 202
    assert _message(response)[0] == "submit_success"
    assert _counts() == before


def test_same_instance_id_with_different_xml_is_a_conflict(client, app_user, version):
    url = key_url(app_user, "submission")
    assert post(client, url, household_xml(version, instance_id="uuid:x")).status_code == 201
    before = _counts()
    response = post(client, url, household_xml(version, instance_id="uuid:x", name="Other"))
    assert response.status_code == 409
    nature, text = _message(response)
    assert nature == "error" and "uuid:x" in text
    assert _counts() == before


def test_attachments_split_over_several_posts_are_merged(client, app_user, version):
    """Collect sends large submissions in several POSTs, each with the identical XML."""
    url = key_url(app_user, "submission")
    xml = household_xml(version, photo="house.jpg")
    first = post(client, url, xml)
    assert first.status_code == 201
    photo = Attachment.objects.get()
    assert photo.is_missing and photo.name == "house.jpg"  # named by the XML, not yet here
    second = post(client, url, xml, [("house.jpg", PHOTO, "image/jpeg")])
    assert second.status_code == 201  # as ODK Central: the upload completed the submission
    photo.refresh_from_db()
    assert not photo.is_missing and photo.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert SubmissionVersion.objects.count() == 1
    assert post(client, url, xml, [("house.jpg", PHOTO, "image/jpeg")]).status_code == 202


def test_files_the_xml_does_not_name_are_ignored(client, app_user, version):
    response = post(
        client,
        key_url(app_user, "submission"),
        household_xml(version),
        [("stray.jpg", PHOTO, "image/jpeg")],
    )
    assert response.status_code == 201
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize("earlier", list(ReviewState))
def test_an_edit_is_a_new_version_of_the_same_submission(client, app_user, version, earlier):
    url = key_url(app_user, "submission")
    post(client, url, household_xml(version, instance_id="uuid:v1"))
    submission = Submission.objects.get()
    Submission.objects.filter(pk=submission.pk).update(review_state=earlier)
    edit = household_xml(version, instance_id="uuid:v2", deprecated_id="uuid:v1", name="Edited")
    response = post(client, url, edit)
    assert response.status_code == 201
    submission.refresh_from_db()
    assert submission.versions.count() == 2
    assert submission.current.instance_id == "uuid:v2"
    assert submission.current.deprecated_id == "uuid:v1"
    assert bytes(submission.current.xml) == edit
    assert submission.instance_id == "uuid:v1"
    assert submission.review_state == ReviewState.EDITED  # as ODK Central, whatever it was
    assert post(client, url, edit).status_code == 202  # the edit resent


def test_an_edit_of_an_older_version_or_of_nothing_is_refused(client, app_user, version):
    url = key_url(app_user, "submission")
    post(client, url, household_xml(version, instance_id="uuid:v1"))
    post(client, url, household_xml(version, instance_id="uuid:v2", deprecated_id="uuid:v1"))
    before = _counts()
    stale = post(
        client, url, household_xml(version, instance_id="uuid:v3", deprecated_id="uuid:v1")
    )
    assert stale.status_code == 409
    unknown = post(
        client, url, household_xml(version, instance_id="uuid:v9", deprecated_id="uuid:nope")
    )
    assert unknown.status_code == 404
    assert _counts() == before


def test_unknown_form_unpublished_or_retired_version_are_refused(
    client, world, app_user, version, campaign
):
    url = key_url(app_user, "submission")
    xml = household_xml(version).replace(b'id="household"', b'id="nosuchform"')
    assert post(client, url, xml).status_code == 404
    draft = make_version(world.khlong_toei, version="2", publish=False)
    response = post(client, url, household_xml(draft))
    assert response.status_code == 404
    assert "2" in _message(response)[1]
    unknown_version = household_xml(version).replace(b'version="1"', b'version="77"')
    assert post(client, url, unknown_version).status_code == 404
    FormVersion.objects.filter(pk=version.pk).update(state=FormVersion.State.RETIRED)
    assert post(client, url, household_xml(version)).status_code == 403
    assert _counts() == (0, 0, 0)


def test_a_form_outside_the_app_users_campaign_is_unknown_to_it(client, world, app_user):
    other = make_version(world.khlong_toei, form_id="other")
    assert post(client, key_url(app_user, "submission"), household_xml(other)).status_code == 404


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"status": Campaign.Status.CLOSED}, "is closed"),
        ({"ends_on": timezone.localdate() - timedelta(days=1)}, "ended on"),
        ({"status": Campaign.Status.PLANNED}, "not open yet"),
        ({"starts_on": timezone.localdate() + timedelta(days=3)}, "starts on"),
    ],
)
def test_a_closed_or_unstarted_campaign_refuses_with_a_clear_message(
    client, app_user, version, campaign, change, word
):
    Campaign.objects.filter(pk=campaign.pk).update(**change)
    response = post(
        client, key_url(app_user, "submission"), household_xml(version), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    nature, text = _message(response)
    assert nature == "error" and word in text and "Khlong Toei 2026" in text
    assert _counts() == (0, 0, 0)


def test_refusal_is_in_the_senders_language(client, app_user, version, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    response = post(
        client, key_url(app_user, "submission"), household_xml(version), HTTP_ACCEPT_LANGUAGE="fa"
    )
    assert response.status_code == 403
    assert response["Content-Language"] == "fa"


def test_intake_service_for_the_web_form(
    world, version, campaign, django_capture_on_commit_callbacks
):
    """The web form calls the same service with a signed-in user and its campaign."""
    xml = household_xml(version, photo="p.jpg")
    upload = SimpleUploadedFile("p.jpg", PHOTO, content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        result = receive_submission(
            xml=xml, files=[upload], user=world.khlong_toei_officer, campaign=campaign
        )
    assert result.status == 201 and result.ok
    assert result.message["code"] == "surveys.openrosa.received"
    assert result.submission.campaign == campaign
    assert result.submission.submitted_by == world.khlong_toei_officer
    assert result.version.attachments.get().size == len(PHOTO)
    again = receive_submission(xml=xml, files=[], user=world.khlong_toei_officer, campaign=campaign)
    assert again.status == 202
    outside = receive_submission(
        xml=household_xml(version), files=[], user=world.pathum_wan_officer
    )
    assert outside.status == 404
    nobody = receive_submission(xml=household_xml(version), files=[], user=world.treasurer)
    assert nobody.status == 403
