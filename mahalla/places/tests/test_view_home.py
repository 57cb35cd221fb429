from __future__ import annotations

import re

from django.urls import reverse

from mahalla.people.roles import Role
from mahalla.places.services import area_create
from mahalla.testing import grant, make_user


def test_anonymous_visitor_sees_a_welcome_and_a_login_link(world, login):
    response = login().get(reverse("home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("login") in content
    assert "Your places" not in content
    assert "Khlong Toei" not in content


def test_district_officer_sees_their_district_with_its_counts(world, login):
    response = login(world.khlong_toei_officer).get(reverse("home"))
    content = response.content.decode()
    assert "Your places" in content
    assert reverse("places:area_detail", kwargs={"pk": world.khlong_toei.pk}) in content
    assert "2 places directly beneath" in content
    assert "Bangkok" not in content
    assert "Pathum Wan" not in content


def test_superuser_sees_the_roots_of_the_tree(world, login):
    content = login(world.admin).get(reverse("home")).content.decode()
    for root in (world.bangkok, world.tehran, world.chabahar):
        assert reverse("places:area_detail", kwargs={"pk": root.pk}) in content
    assert reverse("places:area_detail", kwargs={"pk": world.khlong_toei.pk}) not in content


def test_organisation_member_sees_the_organisations_area(world, login):
    member = make_user("kt_clerk")
    grant(member, Role.SURVEYOR, org=world.khlong_toei_office)
    content = login(member).get(reverse("home")).content.decode()
    assert reverse("places:area_detail", kwargs={"pk": world.khlong_toei.pk}) in content


def test_person_without_a_role_is_told_how_to_get_one(world, login):
    content = login(world.no_role).get(reverse("home")).content.decode()
    assert "You have no role on any place yet" in content


def test_home_page_query_count_is_small(world, login, django_assert_max_num_queries):
    client = login(world.admin)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("home")).status_code == 200


def test_places_are_in_numeric_name_order_in_persian(world, login):
    for number in ("۱۰", "۲"):
        area_create(level=world.province, name_fa=f"استان {number}")
    content = login(world.admin).get(reverse("home"), headers={"accept-language": "fa"}).text
    assert content.index("استان ۲") < content.index("استان ۱۰")


def test_unregistered_link_leads_to_the_unregistered_communities(world, login):
    client = login(world.khlong_toei_officer)
    home = client.get(reverse("home"), headers={"accept-language": "en"}).text
    href = re.search(r'<a class="unregistered-link" href="([^"]+)">([^<]+)</a>', home)
    assert href.group(2).strip() == "1 community that is not registered"
    listed = client.get(href.group(1).replace("&amp;", "&"), headers={"accept-language": "en"})
    assert [area.name for area in listed.context["areas"]] == ["ริมคลองพระโขนง"]


def test_no_unregistered_link_where_there_are_none(world, login):
    home = login(world.tehran_secretary).get(reverse("home")).text
    assert "unregistered-link" not in home
