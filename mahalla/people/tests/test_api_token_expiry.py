"""API tokens stop working after API_TOKEN_DAYS and as soon as the password changes, by
whichever way it changes; the account page shows until when a token works."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from mahalla.people.services import api_token_rotate
from mahalla.testing import PASSWORD

AREAS = "/api/areas/"
NEW_PASSWORD = "another-long-pass-42"


def _get(login, token: str, **extra):
    return login().get(AREAS, HTTP_AUTHORIZATION=f"Token {token}", **extra)


def _age(token: Token, days: int) -> None:
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=days))


def test_a_token_works_until_it_is_30_days_old(world, login):
    token = api_token_rotate(user=world.khlong_toei_officer)
    _age(token, 29)
    assert _get(login, token.key).status_code == 200
    _age(token, 30)
    response = _get(login, token.key)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token expired on ")


def test_the_expiry_message_gives_the_date_in_the_readers_calendar(world, login):
    token = api_token_rotate(user=world.khlong_toei_officer)
    _age(token, 31)
    detail = _get(login, token.key, HTTP_ACCEPT_LANGUAGE="fa").json()["detail"]
    assert re.search("[۰-۹]", detail) and not re.search("[0-9]", detail)


def test_the_lifetime_follows_the_setting(world, login, settings):
    settings.API_TOKEN_DAYS = 7
    token = api_token_rotate(user=world.khlong_toei_officer)
    _age(token, 8)
    assert _get(login, token.key).status_code == 401


def test_changing_the_password_on_the_page_ends_the_token(world, login):
    token = api_token_rotate(user=world.treasurer)
    login(world.treasurer).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    response = _get(login, token.key)
    assert response.status_code == 401
    assert "stopped working when the password changed" in response.json()["detail"]
    assert not Token.objects.filter(user=world.treasurer).exists()


def test_a_password_reset_ends_the_token(world, login):
    token = api_token_rotate(user=world.treasurer)
    world.treasurer.email = "boonmee@example.org"
    world.treasurer.save()
    client = login()
    client.post(reverse("password_reset"), {"email": "boonmee@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert _get(login, token.key).status_code == 401


@pytest.mark.parametrize("how", ["admin form", "management command"])
def test_a_password_set_by_an_administrator_ends_the_token(world, login, monkeypatch, how):
    token = api_token_rotate(user=world.treasurer)
    if how == "admin form":
        form = AdminPasswordChangeForm(
            world.treasurer, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert form.is_valid(), form.errors
        form.save()
    else:
        monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)
        call_command("changepassword", "treasurer", stdout=None)
    assert _get(login, token.key).status_code == 401


def test_a_new_token_after_the_password_change_works(world, login):
    user = world.treasurer
    api_token_rotate(user=user)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert _get(login, api_token_rotate(user=user).key).status_code == 200


def test_a_key_made_by_hand_is_not_accepted(world, login):
    token = Token.objects.create(user=world.treasurer)  # not through the service
    assert _get(login, token.key).status_code == 401


def test_the_token_endpoint_replaces_an_expired_token(world, login):
    old = api_token_rotate(user=world.treasurer)
    _age(old, 40)
    response = login().post("/api/auth/token/", {"username": "treasurer", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"] != old.key
    assert _get(login, response.json()["token"]).status_code == 200


def test_the_account_page_shows_until_when_the_token_works(world, login):
    token = api_token_rotate(user=world.moradabad_facilitator)  # a Persian reader
    html = login(world.moradabad_facilitator).get(reverse("account")).content.decode()
    assert "معتبر است، یا تا زمانی که گذرواژهٔ خود را تغییر دهید" in html  # in Persian
    _age(token, 31)
    html = login(world.moradabad_facilitator).get(reverse("account")).content.decode()
    with translation.override("fa"):
        msgid = "It expired on %(when)s; programs using it are refused. Make a new one."
        expired = gettext(msgid).split("%(when)s")[-1].strip()
    assert expired and expired in html


def test_the_account_page_forgets_a_token_ended_by_a_password_change(world, login):
    api_token_rotate(user=world.treasurer)
    world.treasurer.set_password(NEW_PASSWORD)
    world.treasurer.save()
    client = login()
    assert client.login(username="treasurer", password=NEW_PASSWORD)
    html = client.get(reverse("account")).content.decode()
    assert "You have a token made on" not in html
    assert "Make a token" in html
