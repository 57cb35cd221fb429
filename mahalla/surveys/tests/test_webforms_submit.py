"""The endpoint the island posts finished forms to: multipart as ODK Collect sends it, into the
shared intake; the statuses it answers and the translated message the queue panel shows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mahalla.core.jobs.messages import render_text
from mahalla.surveys.campaigns.services import accepts_submissions
from mahalla.surveys.models import Campaign, Submission
from mahalla.surveys.testing import household_xml, make_version, new_instance_id
from mahalla.surveys.tests.webform_helpers import surveyor_of, xml_file
from mahalla.testing import PASSWORD


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


@pytest.fixture
def surveyor(world, login):
    user = surveyor_of(world.khlong_toei)
    return user, login(user)


def _post(client, version, data, **query):
    url = reverse("surveys:webform_submit", kwargs={"pk": version.pk})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, data)


def test_a_finished_form_is_stored_raw_for_its_sender(version, surveyor):
    user, client = surveyor
    xml = household_xml(version, photo="house.jpg")
    photo = SimpleUploadedFile("house.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
    response = _post(client, version, {"xml_submission_file": xml_file(xml), "house.jpg": photo})
    assert response.status_code == 201
    assert response.json()["status"] == 201
    submission = Submission.objects.get()
    assert submission.submitted_by == user
    assert bytes(submission.current.xml) == xml
    attachment = submission.current.attachments.get()
    assert attachment.name == "house.jpg" and attachment.size == 6


def test_the_same_form_sent_twice_is_stored_once_and_answers_202(version, surveyor):
    _, client = surveyor
    xml = household_xml(version)
    assert _post(client, version, {"xml_submission_file": xml_file(xml)}).status_code == 201
    again = _post(client, version, {"xml_submission_file": xml_file(xml)})
    assert again.status_code == 202
    assert Submission.objects.count() == 1


def test_another_form_with_the_same_instance_id_is_a_conflict(version, surveyor):
    _, client = surveyor
    instance = new_instance_id()
    first = household_xml(version, instance_id=instance, name="one")
    second = household_xml(version, instance_id=instance, name="two")
    assert _post(client, version, {"xml_submission_file": xml_file(first)}).status_code == 201
    assert _post(client, version, {"xml_submission_file": xml_file(second)}).status_code == 409
    assert Submission.objects.count() == 1


def test_a_post_without_the_xml_file_is_refused(version, surveyor):
    _, client = surveyor
    response = _post(client, version, {"other": xml_file(household_xml(version))})
    assert response.status_code == 400
    assert response.json()["message"]
    assert not Submission.objects.exists()


def test_malformed_or_hostile_xml_is_refused(version, surveyor):
    _, client = surveyor
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><data id="household">&a;</data>'
    for body in (b"<data id='household'><unclosed>", bomb):
        assert _post(client, version, {"xml_submission_file": xml_file(body)}).status_code == 400
    assert not Submission.objects.exists()


def test_the_page_of_one_form_cannot_send_another_forms_xml(world, version, surveyor):
    _, client = surveyor
    other = make_version(world.pathum_wan, form_id="pathum_wan_form")
    response = _post(client, version, {"xml_submission_file": xml_file(household_xml(other))})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_a_closed_campaign_refuses_with_a_message_in_the_senders_language(world, version, surveyor):
    user, client = surveyor
    campaign = Campaign.objects.create(area=world.khlong_toei, status=Campaign.Status.CLOSED)
    campaign.form_versions.add(version)
    campaign.surveyors.add(user)
    client.cookies["mahalla_language"] = "th"
    data = {"xml_submission_file": xml_file(household_xml(version))}
    response = _post(client, version, data, campaign=campaign.pk)
    assert response.status_code == 403
    with translation.override("th"):
        expected = render_text(accepts_submissions(campaign))
    assert response.json()["message"] == expected
    assert not Submission.objects.exists()


def test_an_open_campaign_gets_the_submission(world, version, surveyor):
    user, client = surveyor
    campaign = Campaign.objects.create(area=world.khlong_toei, status=Campaign.Status.OPEN)
    campaign.form_versions.add(version)
    data = {"xml_submission_file": xml_file(household_xml(version))}
    assert _post(client, version, data, campaign=campaign.pk).status_code == 201
    assert Submission.objects.get().campaign == campaign


def test_it_needs_the_csrf_token_the_island_sends(world, version):
    user = surveyor_of(world.khlong_toei)
    client = Client(enforce_csrf_checks=True)
    client.login(username=user.username, password=PASSWORD)
    client.get(reverse("surveys:webform", kwargs={"pk": version.pk}))  # sets the cookie
    token = client.cookies["csrftoken"].value
    url = reverse("surveys:webform_submit", kwargs={"pk": version.pk})
    refused = client.post(url, {"xml_submission_file": xml_file(household_xml(version))})
    assert refused.status_code == 403
    accepted = client.post(
        url, {"xml_submission_file": xml_file(household_xml(version))}, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201


def test_anonymous_posts_go_to_the_login_page_and_get_is_not_allowed(version, surveyor, login):
    response = _post(login(), version, {"xml_submission_file": xml_file(household_xml(version))})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    _, client = surveyor
    url = reverse("surveys:webform_submit", kwargs={"pk": version.pk})
    assert client.get(url).status_code == 405
    assert not Submission.objects.exists()
