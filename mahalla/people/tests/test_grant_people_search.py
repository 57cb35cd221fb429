"""The grant form's username is a search over people in the granter's scope only."""

from __future__ import annotations

from django.urls import reverse

SEARCH = reverse("people:grant_people_search")
NEW = reverse("people:grant_create")


def test_search_suggests_people_in_scope_by_name_or_username(world, login, kt_admin):
    client = login(kt_admin)
    by_name = client.get(SEARCH, {"username": "boon"}).content.decode()
    assert '<option value="treasurer">Boonmee</option>' in by_name
    by_username = client.get(SEARCH, {"username": "KT_OFF"}).content.decode()
    assert '<option value="kt_officer">Somchai</option>' in by_username


def test_search_never_lists_people_outside_the_scope(world, login, kt_admin):
    client = login(kt_admin)
    for needle in ("malee", "pw_officer", "reza", "no_role"):
        assert "<option" not in client.get(SEARCH, {"username": needle}).content.decode()


def test_search_needs_two_characters(world, login, kt_admin):
    assert "<option" not in login(kt_admin).get(SEARCH, {"username": "b"}).content.decode()


def test_search_needs_the_right_to_manage_roles(world, login):
    assert login(world.khlong_toei_officer).get(SEARCH, {"username": "boon"}).status_code == 403
    assert login().get(SEARCH, {"username": "boon"}).status_code == 302


def test_the_form_field_asks_the_search_as_one_types(world, login, kt_admin):
    page = login(kt_admin).get(NEW).content.decode()
    assert f'hx-get="{SEARCH}"' in page
    assert 'list="grant-people"' in page
    assert '<datalist id="grant-people"></datalist>' in page


def test_the_role_has_an_empty_first_choice_and_is_required(world, login, kt_admin):
    client = login(kt_admin)
    page = client.get(NEW).content.decode()
    assert '<option value="" selected>— choose a role —</option>' in page
    response = client.post(NEW, {"username": "no_role", "area": world.lock_123.pk})
    assert "Choose the role to grant." in response.content.decode()
