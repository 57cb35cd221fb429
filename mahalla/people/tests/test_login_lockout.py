"""Guessing passwords on the login page: after ten failures the username is locked for that
connection, even for the right password; other people and other connections are not."""

from __future__ import annotations

from django.urls import reverse

from mahalla.testing import PASSWORD

LOGIN = reverse("login")


def _guess(client, username: str, times: int, **extra) -> None:
    for attempt in range(times):
        client.post(LOGIN, {"username": username, "password": f"wrong-{attempt}"}, **extra)


def test_the_right_password_is_refused_after_200_wrong_ones(world, login):
    client = login()
    _guess(client, "kt_officer", 200)
    response = client.post(LOGIN, {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins for this username" in page
    assert "Try again in 15 minutes." in page
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(world, login):
    client = login()
    _guess(client, "kt_officer", 9)
    response = client.post(LOGIN, {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 302


def test_the_tenth_failure_already_shows_the_lockout_page(world, login):
    client = login()
    _guess(client, "kt_officer", 9)
    response = client.post(LOGIN, {"username": "kt_officer", "password": "wrong-again"})
    assert response.status_code == 429
    assert response["Retry-After"] == "900"


def test_another_person_on_the_same_connection_still_logs_in(world, login):
    client = login()
    _guess(client, "kt_officer", 20)
    response = client.post(LOGIN, {"username": "treasurer", "password": PASSWORD})
    assert response.status_code == 302


def test_the_same_person_from_another_connection_still_logs_in(world, login):
    _guess(login(), "kt_officer", 20)
    response = login().post(
        LOGIN, {"username": "kt_officer", "password": PASSWORD}, REMOTE_ADDR="10.20.30.40"
    )
    assert response.status_code == 302


def test_the_lockout_page_is_persian_with_persian_digits(world, login):
    client = login()
    _guess(client, "kt_officer", 10, HTTP_ACCEPT_LANGUAGE="fa")
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="fa")  # GETs are not counted or refused
    assert response.status_code == 200
    response = client.post(
        LOGIN, {"username": "kt_officer", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fa"
    )
    page = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="fa" dir="rtl">' in page
    assert "۱۵" in page and "15" not in page.split("<main", 1)[1]


def test_the_lockout_page_is_in_the_thai_layout(world, login):
    client = login()
    _guess(client, "kt_officer", 10, HTTP_ACCEPT_LANGUAGE="th")
    response = client.post(
        LOGIN, {"username": "kt_officer", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="th"
    )
    page = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="th" dir="ltr">' in page
    assert "เข้าสู่ระบบ" in page  # the header's "Log in" link, from the Thai catalogue
