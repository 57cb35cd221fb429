"""Pages with a signed-in person's data are never kept by shared caches; secrets not at all."""

from __future__ import annotations

from django.urls import reverse
from django.utils.cache import get_max_age

from mahalla.testing import PASSWORD


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _varies_on_cookie(response) -> bool:
    return "cookie" in response.get("Vary", "").lower()


def test_a_page_for_a_signed_in_officer_is_private_and_varies_on_the_cookie(world, login):
    response = login(world.khlong_toei_officer).get(reverse("places:area_list"))
    assert response.status_code == 200
    assert "private" in _directives(response)
    assert "public" not in _directives(response)
    assert _varies_on_cookie(response)


def test_an_api_answer_for_a_signed_in_officer_is_private(world, login):
    response = login(world.khlong_toei_officer).get(reverse("api:area-list"))
    assert response.status_code == 200
    assert "private" in _directives(response)


def test_the_home_page_for_an_anonymous_visitor_is_not_marked_private(db, login):
    response = login().get(reverse("home"))
    assert response.status_code == 200
    assert "private" not in _directives(response)


def test_the_account_page_with_the_api_token_is_never_stored(world, login):
    response = login(world.no_role).get(reverse("account"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)
    assert get_max_age(response) == 0


def test_making_a_new_api_token_is_never_stored(world, login):
    response = login(world.no_role).post(reverse("api_token_rotate"))
    assert response.status_code == 302
    assert "no-store" in _directives(response)


def test_the_token_the_api_hands_out_for_a_password_is_never_stored(world, login):
    response = login().post(
        reverse("api:token"), {"username": world.no_role.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "token" in response.json()
    assert {"private", "no-store"} <= _directives(response)


def test_the_password_change_page_is_never_stored(world, login):
    response = login(world.no_role).get(reverse("password_change"))
    assert response.status_code == 200
    assert "no-store" in _directives(response)
