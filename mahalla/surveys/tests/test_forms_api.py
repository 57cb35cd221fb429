"""The forms API: scoped, paginated lists of forms and versions; managers publish drafts."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from mahalla.people.roles import Role
from mahalla.surveys.forms import demo, services
from mahalla.surveys.tests.xlsforms import xlsx
from mahalla.testing import grant, make_user


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_lists_are_scoped_and_paginated(world):
    demo.build(area=world.khlong_toei, publish=False)
    services.create_version_from_upload(
        user=None,
        area=world.pathum_wan,
        uploaded_file=xlsx(),
    )
    body = client_for(world.khlong_toei_officer).get(reverse("api:survey-form-list")).json()
    assert body["count"] == 2
    assert {f["xml_form_id"] for f in body["results"]} == {"community_profile", "household_survey"}
    versions = (
        client_for(world.khlong_toei_officer)
        .get(reverse("api:survey-form-version-list"), {"page_size": 1})
        .json()
    )
    assert versions["count"] == 2 and len(versions["results"]) == 1 and versions["next"]
    result = versions["results"][0]
    assert result["state"] == "draft" and result["languages"] == ["en", "th", "fa"]
    assert result["fields"] and result["xform_md5"]


def test_versions_filter_by_form_and_refuse_a_bad_id(world):
    community, _household = demo.build(area=world.khlong_toei, publish=False)
    client = client_for(world.khlong_toei_officer)
    url = reverse("api:survey-form-version-list")
    only = client.get(url, {"form": community.form_id}).json()
    assert [v["xml_form_id"] for v in only["results"]] == ["community_profile"]
    assert client.get(url, {"form": "1e99"}).status_code == 400


def test_managers_publish_reviewers_may_not(world):
    community, _household = demo.build(area=world.khlong_toei, publish=False)
    url = reverse("api:survey-form-version-publish", kwargs={"pk": community.pk})
    reviewer = make_user("reviewer")
    grant(reviewer, Role.NEIGHBOURHOOD_MANAGER, area=world.khlong_toei)
    assert client_for(reviewer).post(url).status_code == 403
    response = client_for(world.khlong_toei_officer).post(url)
    assert response.status_code == 200 and response.json()["state"] == "published"
    again = client_for(world.khlong_toei_officer).post(url)
    assert again.status_code == 400 and "not a draft" in again.json()["detail"][0]


def test_the_schema_describes_the_endpoints(world):
    schema = APIClient().get(reverse("api:schema"), {"format": "json"}).json()
    assert "/api/survey-forms/" in schema["paths"]
    assert "/api/survey-form-versions/{id}/publish/" in schema["paths"]
