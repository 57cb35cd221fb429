from __future__ import annotations

from django.urls import reverse

from mahalla.testing import PASSWORD


def test_signed_in_user_choice_is_saved_and_follows_them_to_a_new_device(world, login):
    client = login(world.khlong_toei_officer)
    response = client.post(reverse("set_language"), {"language": "fa", "next": "/accounts/"})
    assert response.status_code == 302
    world.khlong_toei_officer.refresh_from_db()
    assert world.khlong_toei_officer.language == "fa"

    other_device = login()
    assert other_device.login(username="kt_officer", password=PASSWORD)
    page = other_device.get(reverse("account"))
    assert 'dir="rtl"' in page.content.decode()
    assert 'lang="fa"' in page.content.decode()


def test_anonymous_choice_is_kept_in_a_cookie_only(world, login):
    client = login()
    response = client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["mahalla_language"].value == "th"


def test_an_unknown_language_changes_nothing(world, login):
    client = login(world.treasurer)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    world.treasurer.refresh_from_db()
    assert world.treasurer.language == ""


def test_language_switch_needs_a_post(world, login):
    assert login().get(reverse("set_language")).status_code == 405
