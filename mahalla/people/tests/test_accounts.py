from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from mahalla.testing import PASSWORD


def test_login_page_has_labelled_fields(db, login):
    response = login().get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username"' in response.content
    assert b'<label for="id_password"' in response.content
    assert b'href="/accounts/password/reset/"' in response.content


def test_user_logs_in_and_lands_on_home(world, login):
    response = login().post(reverse("login"), {"username": "kt_officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_an_error_not_a_crash(world, login):
    response = login().post(reverse("login"), {"username": "kt_officer", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_needs_a_post(world, login):
    client = login(world.khlong_toei_officer)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("account")).status_code == 302  # back to the login page


def test_user_changes_their_password(world, login):
    client = login(world.treasurer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-42",
            "new_password2": "another-long-pass-42",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    assert login().login(username="treasurer", password="another-long-pass-42")


def test_password_reset_sends_a_link_that_sets_a_new_password(world, login):
    world.treasurer.email = "boonmee@example.org"
    world.treasurer.save()
    client = login()
    response = client.post(reverse("password_reset"), {"email": "boonmee@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert b"id_new_password1" in form_page.content
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-pass-77", "new_password2": "brand-new-pass-77"},
    )
    assert response["Location"] == reverse("password_reset_complete")
    assert login().login(username="treasurer", password="brand-new-pass-77")


def test_a_used_reset_link_says_it_no_longer_works(world, login):
    response = login().get("/accounts/password/reset/MQ/bad-token/")
    assert response.status_code == 200
    assert b"no longer works" in response.content


def test_account_page_lists_my_roles(world, login):
    response = login(world.treasurer).get(reverse("account"))
    assert response.status_code == 200
    assert "Lock 1-2-3" in response.content.decode()
