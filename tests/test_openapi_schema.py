"""The API schema is valid OpenAPI 3, generated without warnings, and lists every endpoint."""

from __future__ import annotations

import json

import pytest
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

from mahalla.api_urls import router


@pytest.fixture
def schema(db, tmp_path) -> dict:
    target = tmp_path / "schema.yaml"
    # --fail-on-warn: an endpoint the generator cannot describe fails here, not in a client.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text())


def expected_paths() -> set[str]:
    paths = {"/api/auth/token/"}
    for prefix, viewset, _basename in router.registry:
        paths |= {f"/api/{prefix}/", f"/api/{prefix}/{{id}}/"}
        for extra in viewset.get_extra_actions():
            if extra.detail:
                paths.add(f"/api/{prefix}/{{id}}/{extra.url_path}/")
            else:
                paths.add(f"/api/{prefix}/{extra.url_path}/")
    return paths


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_endpoint_is_in_the_schema(schema):
    missing = expected_paths() - set(schema["paths"])
    assert not missing, f"endpoints missing from the schema: {sorted(missing)}"


def test_area_filters_are_documented(schema):
    params = {p["name"] for p in schema["paths"]["/api/areas/"]["get"]["parameters"]}
    assert {"level", "parent", "code", "registration", "q", "within", "page"} <= params


def test_token_authentication_is_declared(schema):
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_endpoint_is_public_and_docs_load_assets_locally(db, client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/areas/" in json.loads(response.content)["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    assert "cdn" not in docs.lower()
