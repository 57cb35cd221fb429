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


FILL_LINK = f'<a href="{reverse("surveys:webform_list")}">Fill in a form</a>'


def test_a_surveyor_is_led_to_the_forms_from_the_header_and_the_home_page(world, login):
    from mahalla.people.roles import Role
    from mahalla.testing import grant, make_user

    surveyor = make_user("surveyor_here")
    grant(surveyor, Role.SURVEYOR, area=world.khlong_toei)
    response = login(surveyor).get(reverse("home"))
    assert FILL_LINK in _header(response)
    assert response.content.decode().count(f'href="{reverse("surveys:webform_list")}"') == 2


def test_a_campaign_team_member_without_submit_is_led_to_the_forms_too(world, login):
    from mahalla.surveys.models import Campaign

    campaign = Campaign.objects.create(area=world.khlong_toei, name_en="KT 2026")
    campaign.surveyors.add(world.treasurer)  # a treasurer helping with the survey
    assert not has_perm(world.treasurer, Perm.SUBMIT)
    assert FILL_LINK in _header(login(world.treasurer).get(reverse("home")))


def test_reviewers_keep_the_surveys_link_and_others_see_no_forms_link(world, login):
    header = _header(login(world.khlong_toei_officer).get(reverse("home")))
    assert "Surveys</a>" in header and FILL_LINK not in header
    assert FILL_LINK not in _header(login(world.no_role).get(reverse("home")))
