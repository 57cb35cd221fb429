# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""Signed-in people on the OpenRosa endpoints: HTTP Basic over HTTPS, scoped by SUBMIT."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.surveys.models import Submission
from mahalla.surveys.openrosa.testing import basic
from mahalla.surveys.testing import household_xml
from mahalla.surveys.tests.openrosa_fixtures import PHOTO, campaign, post, version  # noqa: F401
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.django_db
FORM_LIST = reverse("surveys:openrosa_form_list")
SUBMISSION = reverse("surveys:openrosa_submission")


@pytest.fixture
def surveyor(world):
    user = make_user("kt_surveyor")
    grant(user, Role.SURVEYOR, area=world.khlong_toei)
    return user


def _ids(response):
    root = ElementTree.fromstring(response.content)
    return [e.text for e in root.iter("{http://openrosa.org/xforms/xformsList}formID")]


def test_anonymous_gets_a_basic_challenge_not_a_login_redirect(client, version):
    for method, url in (
        (client.get, FORM_LIST),
        (client.head, SUBMISSION),
        (client.post, SUBMISSION),
    ):
        response = method(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith('Basic realm="mahalla"')
        assert response["X-OpenRosa-Version"] == "1.0"


def test_basic_over_https_lists_the_forms_in_scope(client, world, surveyor, version):
    response = client.get(FORM_LIST, secure=True, HTTP_AUTHORIZATION=basic("kt_surveyor", PASSWORD))
    assert response.status_code == 200
    assert _ids(response) == ["household"]
    download = ElementTree.fromstring(response.content).find(".//{*}downloadUrl").text
    assert download.startswith("https://testserver/surveys/openrosa/forms/")
    outside = client.get(
        FORM_LIST,
        secure=True,
        HTTP_AUTHORIZATION=basic(world.pathum_wan_officer.username, PASSWORD),
    )
    assert outside.status_code == 200 and _ids(outside) == []


def test_basic_over_plain_http_is_refused(client, surveyor, version):
    response = client.get(FORM_LIST, HTTP_AUTHORIZATION=basic("kt_surveyor", PASSWORD))
    assert response.status_code == 403
    assert b"https://" in response.content


def test_wrong_or_garbled_credentials_get_the_challenge_again(client, surveyor):
    for header in (basic("kt_surveyor", "wrong"), "Basic !!!notbase64", basic("nobody", "x")):
        response = client.get(FORM_LIST, secure=True, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401
        assert "WWW-Authenticate" in response


def test_failed_basic_logins_count_towards_the_lockout(client, surveyor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.get(FORM_LIST, secure=True, HTTP_AUTHORIZATION=basic("kt_surveyor", "wrong"))
    response = client.get(FORM_LIST, secure=True, HTTP_AUTHORIZATION=basic("kt_surveyor", PASSWORD))
    assert response.status_code == 429
    assert response["X-OpenRosa-Version"] == "1.0"
    assert response["Retry-After"]
    assert b"OpenRosaResponse" in response.content and b"Too many failed logins" in response.content


def test_a_surveyor_submits_with_basic_credentials(client, surveyor, version, campaign):
    campaign.surveyors.add(surveyor)
    response = post(
        client,
        SUBMISSION,
        household_xml(version, photo="p.jpg"),
        [("p.jpg", PHOTO, "image/jpeg")],
        secure=True,
        HTTP_AUTHORIZATION=basic("kt_surveyor", PASSWORD),
    )
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert submission.submitted_by == surveyor
    assert submission.current.submitted_by == surveyor
    assert submission.campaign == campaign
    assert submission.app_user is None


def test_a_session_may_read_the_form_list_but_never_submit(login, world, version):
    client = login(world.khlong_toei_officer)
    assert _ids(client.get(FORM_LIST)) == ["household"]
    response = post(client, SUBMISSION, household_xml(version))
    assert response.status_code == 401
    assert Submission.objects.count() == 0


def test_out_of_scope_and_permissionless_people_cannot_submit(client, world, version):
    xml = household_xml(version)
    outside = post(
        client,
        SUBMISSION,
        xml,
        secure=True,
        HTTP_AUTHORIZATION=basic(world.pathum_wan_officer.username, PASSWORD),
    )
    assert outside.status_code == 404
    nobody = post(
        client,
        SUBMISSION,
        xml,
        secure=True,
        HTTP_AUTHORIZATION=basic(world.treasurer.username, PASSWORD),
    )
    assert nobody.status_code == 403
    assert Submission.objects.count() == 0


def test_a_signed_in_submission_to_a_version_whose_campaigns_are_closed_is_refused(
    client, surveyor, version, campaign
):
    campaign.status = "closed"
    campaign.save()
    response = post(
        client,
        SUBMISSION,
        household_xml(version),
        secure=True,
        HTTP_AUTHORIZATION=basic("kt_surveyor", PASSWORD),
    )
    assert response.status_code == 403
    assert Submission.objects.count() == 0


def test_a_district_surveyor_sends_to_the_citys_form_through_a_campaign(world):
    """The form belongs to Bangkok; the surveyor's role is on Khlong Toei only. Being on the
    campaign's team lets them see the form in Collect's list and send to it."""
    from mahalla.people.roles import Role
    from mahalla.surveys.models import Campaign, Submission
    from mahalla.surveys.openrosa.catalogue import listed_versions
    from mahalla.surveys.openrosa.intake import receive_submission
    from mahalla.surveys.testing import household_xml, make_version
    from mahalla.testing import grant, make_user

    version = make_version(world.bangkok, form_id="city_households")
    surveyor = make_user("kt_volunteer")
    grant(surveyor, Role.SURVEYOR, area=world.khlong_toei)
    assert listed_versions(surveyor, None) == []
    refused = receive_submission(xml=household_xml(version), files=[], user=surveyor)
    assert refused.status == 404
    campaign = Campaign.objects.create(
        name_en="Khlong Toei survey", area=world.khlong_toei, status=Campaign.Status.OPEN
    )
    campaign.form_versions.add(version)
    assert listed_versions(surveyor, None) == [version]

    result = receive_submission(xml=household_xml(version), files=[], user=surveyor)

    assert result.status == 201
    stored = Submission.objects.get(pk=result.submission.pk)
    assert stored.campaign == campaign
    assert stored.submitted_by == surveyor
