"""Schemathesis over the whole OpenAPI schema: no generated request gets a server error.

Every operation is called with cases generated from its schema (examples, boundary values
and random data, including the integer bounds) through the WSGI app, signed in with an API
token, and every answer must be below 500. Bounded and derandomized: the same cases each
run (about a minute on SQLite).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from mahalla.people.services import api_token_rotate

# The schema as the API serves it; loading it touches no database, so it runs at collection
# and each operation becomes its own test.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """The real WSGI handler closes "old" database connections around each request, which
    on PostgreSQL ends the test's transaction; Django's test client turns that off the same
    way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world) -> str:
    return api_token_rotate(user=world.admin).key


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_api_operation_answers_with_a_server_error(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error])
