"""The submissions API: scoped, filtered, paginated JSON; versions, comments, review."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from mahalla.surveys import registry_hook
from mahalla.surveys.models import Submission
from mahalla.surveys.testing import make_submission, make_version

pytestmark = pytest.mark.django_db

LIST = reverse("api:submission-list")


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def version(world):
    return make_version(world.bangkok)


def test_the_list_gives_parsed_data_in_scope_only(world, version):
    make_submission(version, instance_id="uuid:kt")
    make_submission(version, instance_id="uuid:pw", location=(100.52, 13.74))
    body = client_for(world.khlong_toei_officer).get(LIST).json()
    assert [r["instance_id"] for r in body["results"]] == ["uuid:kt"]
    row = body["results"][0]
    assert row["data"]["members"][0]["age"] == 54
    assert row["form"] == "household" and row["form_version"] == "1"
    assert row["area"] == world.lock_123.pk and row["review_state"] == "received"
    other = client_for(world.pathum_wan_officer).get(LIST).json()
    assert [r["instance_id"] for r in other["results"]] == ["uuid:pw"]
    assert client_for().get(LIST).status_code == 401


def test_filters_and_a_constant_number_of_queries(world, version):
    for _ in range(3):
        make_submission(version)
    client = client_for(world.khlong_toei_officer)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"page_size": 4})
    for _ in range(5):
        make_submission(version, location=(100.58, 13.73))
    with CaptureQueriesContext(connection) as many:
        body = client.get(LIST, {"page_size": 4}).json()
    assert len(many) == len(few)
    assert body["count"] == 8 and len(body["results"]) == 4
    assert client.get(LIST, {"area": world.lock_123.pk}).json()["count"] == 3
    assert client.get(LIST, {"area": world.khlong_toei.pk}).json()["count"] == 8
    assert client.get(LIST, {"review_state": "approved"}).json()["count"] == 0
    assert client.get(LIST, {"form_id": "household"}).json()["count"] == 8
    assert client.get(LIST, {"received_after": "2999-01-01T00:00:00Z"}).json()["count"] == 0
    assert client.get(LIST, {"form": "1e20"}).status_code == 400


def test_versions_and_comments(world, version):
    submission = make_submission(version)
    make_submission(
        version, submission=submission, instance_id="uuid:e", deprecated_id=submission.instance_id
    )
    client = client_for(world.khlong_toei_officer)
    versions = client.get(reverse("api:submission-versions", kwargs={"pk": submission.pk})).json()
    assert [v["deprecated_id"] for v in versions] == ["", submission.instance_id]
    url = reverse("api:submission-comments", kwargs={"pk": submission.pk})
    assert client.post(url, {"body": "Looks fine"}, format="json").status_code == 201
    assert client.post(url, {"body": " "}, format="json").status_code == 400
    assert [c["body"] for c in client.get(url).json()] == ["Looks fine"]
    outsider = client_for(world.pathum_wan_officer)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"body": "x"}, format="json").status_code == 404


def test_the_review_action(world, version):
    submission = make_submission(version)
    calls = []
    registry_hook.register_mapping("api_fake", calls.append)
    submission.form.registry_mapping = "api_fake"
    submission.form.save()
    url = reverse("api:submission-review", kwargs={"pk": submission.pk})
    client = client_for(world.khlong_toei_officer)
    try:
        bad = client.post(url, {"state": "rejected"}, format="json")
        assert bad.status_code == 400
        ok = client.post(url, {"state": "approved", "comment": "good"}, format="json")
        assert ok.status_code == 200 and ok.json()["review_state"] == "approved"
        assert len(calls) == 1
        assert client.post(url, {"state": "received"}, format="json").status_code == 400
    finally:
        registry_hook.unregister_mapping("api_fake")
    assert (
        client_for(world.pathum_wan_officer)
        .post(url, {"state": "rejected", "comment": "x"}, format="json")
        .status_code
        == 404
    )
    assert client_for().post(url, {"state": "approved"}, format="json").status_code == 401
    assert Submission.objects.get().review_state == "approved"


def test_the_schema_describes_the_submissions(world, login):
    schema = login(world.admin).get(reverse("api:schema")).content.decode()
    assert "/api/submissions/{id}/review/" in schema or "submissions/{id}/review" in schema
