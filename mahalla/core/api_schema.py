"""OpenAPI post-processing: the error answers every endpoint can give, in one place.

drf-spectacular documents the 200s from the views; the errors come from shared machinery
(authentication, filters, pagination, lookups), so they are added here for every operation
instead of being repeated on each view.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# {"parent": ["Enter a whole number."]}: messages by the name of the input they are about.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _response(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _needs_authentication(operation: dict[str, Any]) -> bool:
    # An operation open to anonymous visitors lists an empty requirement ({}).
    security = operation.get("security")
    return bool(security) and {} not in security


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS entry: 400, 401 and 404 where an operation can give them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            if any(p.get("in") == "query" for p in parameters) or "requestBody" in operation:
                responses.setdefault(
                    "400", _response("An input is malformed or out of range.", "FieldErrors")
                )
            if _needs_authentication(operation):
                responses.setdefault(
                    "401",
                    _response("No valid credentials: missing, wrong or expired token.", "Error"),
                )
            if "{" in path or any(p.get("name") == "page" for p in parameters):
                responses.setdefault(
                    "404",
                    _response("Not found, out of your scope, or past the last page.", "Error"),
                )
    return result
