"""The header offers only what the person can use, and their name leads to their account."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from mahalla.people.context_processors import Navigation
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm

ROLES_LINK = f'<a href="{reverse("people:grant_list")}">Roles</a>'


def _header(response) -> str:
    html = response.content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_roles_link_is_hidden_from_someone_who_cannot_manage_roles(world, login):
    header = _header(login(world.khlong_toei_officer).get(reverse("places:area_list")))
    assert ROLES_LINK not in header
    assert "Organisations" in header


def test_scoped_administrator_sees_the_roles_link(world, login, kt_admin):
    header = _header(login(kt_admin).get(reverse("places:area_list")))
    assert ROLES_LINK in header


def test_superuser_sees_the_roles_link(world, login):
    assert ROLES_LINK in _header(login(world.admin).get(reverse("home")))


def test_name_in_the_header_opens_the_account_page(world, login):
    header = _header(login(world.treasurer).get(reverse("home")))
    assert f'<a class="who" href="{reverse("account")}"' in header
    assert "><bdi>Boonmee</bdi></a>" in header


def test_visitor_header_has_no_roles_link_and_costs_no_query(db, login, django_assert_num_queries):
    client = login()
    with django_assert_num_queries(0):
        response = client.get(reverse("login"))
    assert ROLES_LINK not in _header(response)
    assert 'class="who"' not in _header(response)


def test_navigation_asks_the_database_at_most_once_per_request(
    world, kt_admin, django_assert_max_num_queries
):
    request = RequestFactory().get("/")
    request.user = kt_admin
    navigation = Navigation(request)
    with django_assert_max_num_queries(1):
        assert navigation.can_manage_roles is True
        assert navigation.can_manage_roles is True
        assert Navigation(request).can_manage_roles is True  # same user, same request


def test_navigation_reuses_the_grants_the_page_already_read(world, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = world.khlong_toei_officer
    assert has_perm(request.user, Perm.VIEW_AREA)  # the page's own check reads the grants
    with django_assert_num_queries(0):
        assert Navigation(request).can_manage_roles is False
