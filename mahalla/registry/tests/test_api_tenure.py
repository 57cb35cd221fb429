"""The API of spatial units and tenure relationships: scoped, a house's position and the
documents' names only with the personal-data right, logged when given."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from mahalla.core.models import AccessLog
from mahalla.registry import evidence
from mahalla.registry.models import TenureRelationship

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def document(world, registry):
    relationship = TenureRelationship.objects.get(household__head_name="สมชาย ใจดี")
    return evidence.evidence_add(
        user=world.khlong_toei_officer,
        relationship=relationship,
        uploaded_file=SimpleUploadedFile("โฉนด สมชาย.pdf", b"%PDF-1.4 x"),
    )


def test_relationships_with_documents_for_the_officer_and_logged(world, document):
    response = _client(world.khlong_toei_officer).get("/api/tenure-relationships/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 3  # one per approved household
    row = next(r for r in rows if r["documents"])
    assert row["tenure_type"] == "occupant"
    assert row["household"] == document.relationship.household_id
    assert row["documents"][0]["name"] == "โฉนด สมชาย.pdf"
    assert row["documents"][0]["download_url"] == f"/registry/evidence/{document.pk}/"
    log = AccessLog.objects.get(object_type="registry.tenurerelationship")
    assert log.rows == 1  # only the row whose document's name was given


def test_without_the_personal_right_names_and_positions_are_null(world, document):
    client = _client(world.treasurer)  # registry reader of Lock 1-2-3, no personal data
    rows = client.get("/api/tenure-relationships/").json()["results"]
    row = next(r for r in rows if r["documents"])
    assert row["personal"] is False
    assert row["documents"][0]["name"] is None and row["documents"][0]["download_url"] is None
    units = client.get("/api/spatial-units/", {"kind": "structure"}).json()["results"]
    assert units and all(u["latitude"] is None and u["label"] is None for u in units)
    community = client.get("/api/spatial-units/", {"kind": "community"}).json()["results"]
    assert all(u["personal"] for u in community)  # a community's own unit is not personal
    assert not AccessLog.objects.filter(object_type__startswith="registry.").exists()


def test_structures_with_position_for_the_officer_and_logged(world, document):
    units = (
        _client(world.khlong_toei_officer)
        .get("/api/spatial-units/", {"kind": "structure"})
        .json()["results"]
    )
    assert len(units) == 3 and all(u["latitude"] is not None for u in units)
    assert AccessLog.objects.get(object_type="registry.spatialunit").rows == 3


def test_out_of_scope_and_anonymous(world, document):
    other = _client(world.pathum_wan_officer)
    assert other.get("/api/tenure-relationships/").json()["results"] == []
    assert other.get("/api/spatial-units/").json()["results"] == []
    pk = document.relationship_id
    assert other.get(f"/api/tenure-relationships/{pk}/").status_code == 404
    assert _client().get("/api/tenure-relationships/").status_code == 401
    assert _client().get("/api/spatial-units/").status_code == 401


def test_filters(world, document):
    client = _client(world.khlong_toei_officer)
    household = document.relationship.household_id
    rows = client.get("/api/tenure-relationships/", {"household": household}).json()["results"]
    assert [r["household"] for r in rows] == [household]
    none = client.get("/api/tenure-relationships/", {"tenure_type": "owner"}).json()["results"]
    assert none == []
    documented = client.get("/api/tenure-relationships/", {"has_documents": "true"}).json()
    assert [r["id"] for r in documented["results"]] == [document.relationship_id]
    undocumented = client.get("/api/tenure-relationships/", {"has_documents": "false"}).json()
    assert len(undocumented["results"]) == 2
    within = client.get("/api/spatial-units/", {"within": world.khlong_toei.pk}).json()
    assert within["results"]
