"""Guessing passwords on the API token endpoint: a throttle per connection, and failures
count towards the same lockout as the login page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.people.api_auth import TokenObtainThrottle
from mahalla.testing import PASSWORD

TOKEN = "/api/auth/token/"


@pytest.fixture
def no_throttle(monkeypatch):
    """Only the lockout: the throttle would answer first otherwise."""
    monkeypatch.setattr(TokenObtainThrottle, "rate", "100000/minute", raising=False)


def _guess(client, username: str, times: int, **extra) -> None:
    for attempt in range(times):
        client.post(TOKEN, {"username": username, "password": f"wrong-{attempt}"}, **extra)


def test_the_right_password_gets_no_token_after_200_wrong_ones(world, login):
    client = login()
    _guess(client, "kt_officer", 200)
    response = client.post(TOKEN, {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "token" not in response.json()


def test_lockout_counts_token_failures_and_answers_in_json(world, login, no_throttle):
    client = login()
    _guess(client, "kt_officer", 200)
    response = client.post(TOKEN, {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many failed logins for this username from your connection. "
        "Try again in 15 minutes."
    }
    # The same counter locks the login page for this username and connection.
    page = client.post(reverse("login"), {"username": "kt_officer", "password": PASSWORD})
    assert page.status_code == 429


def test_lockout_message_follows_the_request_language(world, login, no_throttle):
    client = login()
    _guess(client, "kt_officer", 10)
    response = client.post(
        TOKEN, {"username": "kt_officer", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fa"
    )
    assert response.status_code == 429
    assert "۱۵" in response.json()["detail"]


def test_another_user_on_the_same_connection_still_gets_a_token(world, login, no_throttle):
    client = login()
    _guess(client, "kt_officer", 30)
    response = client.post(TOKEN, {"username": "treasurer", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"]


def test_the_throttle_answers_429_with_a_translated_sentence(world, login):
    client = login()
    for _attempt in range(20):
        assert (
            client.post(TOKEN, {"username": "treasurer", "password": PASSWORD}).status_code == 200
        )
    response = client.post(
        TOKEN, {"username": "treasurer", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fa"
    )
    assert response.status_code == 429
    detail = response.json()["detail"]
    assert detail.startswith("درخواست‌های توکن از اتصال شما بیش از حد بوده است.")  # Persian
    assert "۶۰" in detail  # the wait in the reader's digits
    assert "Expected available" not in detail  # DRF's untranslated addition is left out
    assert int(response["Retry-After"]) > 0


def test_the_throttle_counts_each_connection_apart(world, login):
    client = login()
    for _attempt in range(21):
        client.post(TOKEN, {"username": "treasurer", "password": PASSWORD})
    elsewhere = client.post(
        TOKEN, {"username": "treasurer", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 200
