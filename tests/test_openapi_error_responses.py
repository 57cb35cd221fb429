"""The schema documents the errors the API gives: 400 for malformed inputs, 401 without
valid credentials, 404 for ids not found or out of scope, bounded integer inputs."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from mahalla.core.api import MAX_ID


@pytest.fixture
def schema(db) -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operation(schema: dict, path: str, method: str = "get") -> dict:
    return schema["paths"][path][method]


def test_lists_document_400_401_and_404(schema):
    for path in ("/api/areas/", "/api/organisations/", "/api/areas/{id}/children/"):
        responses = _operation(schema, path)["responses"]
        assert {"200", "400", "401", "404"} <= set(responses), path
        assert responses["400"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/FieldErrors"
        }


def test_details_document_401_and_404(schema):
    for path in ("/api/areas/{id}/", "/api/organisations/{id}/"):
        assert {"200", "401", "404"} <= set(_operation(schema, path)["responses"]), path


def test_the_token_endpoint_documents_400_and_429(schema):
    assert {"200", "400", "429"} <= set(_operation(schema, "/api/auth/token/", "post")["responses"])


def test_integer_inputs_are_bounded(schema):
    params = {p["name"]: p["schema"] for p in _operation(schema, "/api/areas/")["parameters"]}
    for name in ("parent", "within", "page", "page_size"):
        assert params[name]["type"] == "integer"
        assert (params[name]["minimum"], params[name]["maximum"]) == (1, MAX_ID), name


def test_error_bodies_are_described(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["properties"] == {"detail": {"type": "string"}}
    assert components["FieldErrors"]["additionalProperties"]["type"] == "array"
