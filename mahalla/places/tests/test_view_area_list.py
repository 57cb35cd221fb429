from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from mahalla.places.models import Area
from mahalla.places.services import area_create

URL = reverse("places:area_list")


def _names(response) -> list[str]:
    return [area.name for area in response.context["areas"]]


def test_anonymous_visitor_is_sent_to_log_in(world, login):
    response = login().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_sees_only_places_in_their_district(world, login):
    response = login(world.khlong_toei_officer).get(URL, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert sorted(_names(response)) == sorted(["Khlong Toei", "Lock 1-2-3", "ริมคลองพระโขนง"])
    assert "Pathum Wan" not in response.content.decode()


def test_person_without_a_role_sees_an_empty_state(world, login):
    response = login(world.no_role).get(URL)
    assert response.status_code == 200
    assert "There are no places in your area of work yet." in response.content.decode()


def test_filter_by_level_keeps_only_that_level(world, login):
    response = login(world.admin).get(URL, {"level": "community"})
    assert sorted(a.pk for a in response.context["areas"]) == sorted(
        [world.lock_123.pk, world.rim_khlong.pk]
    )


def test_filter_by_registration_finds_unregistered_communities(world, login):
    response = login(world.admin).get(URL, {"registration": "unregistered"})
    assert [a.pk for a in response.context["areas"]] == [world.rim_khlong.pk]
    assert "not registered" in response.content.decode()


def test_filter_by_registration_finds_registered_communities(world, login):
    response = login(world.admin).get(URL, {"registration": "registered"})
    assert [a.pk for a in response.context["areas"]] == [world.lock_123.pk]


def test_no_match_shows_a_helpful_empty_state(world, login):
    response = login(world.admin).get(URL, {"q": "Atlantis"})
    assert "No place matches this search" in response.content.decode()


def test_names_are_shown_in_the_active_language(world, login):
    response = login(world.admin).get(URL, {"q": "Khlong Toei"}, headers={"accept-language": "th"})
    content = response.content.decode()
    assert "คลองเตย" in content
    assert 'lang="th"' in content


def test_pages_of_twenty_five_with_links_between(world, login):
    for number in range(30):
        area_create(
            level=world.community,
            parent=world.khlong_toei,
            name_en=f"Community {number:02d}",
            registration=Area.Registration.UNREGISTERED,
        )
    client = login(world.khlong_toei_officer)
    first = client.get(URL, {"level": "community"}, headers={"accept-language": "en"})
    assert len(first.context["areas"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    second = client.get(URL, {"level": "community", "page": 2}, headers={"accept-language": "en"})
    assert len(second.context["areas"]) == 32 - 25
    assert not {a.pk for a in first.context["areas"]} & {a.pk for a in second.context["areas"]}


def test_query_count_does_not_grow_with_the_page(world, login, django_assert_max_num_queries):
    for number in range(40):
        area_create(level=world.community, parent=world.khlong_toei, name_en=f"C{number}")
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"q": "c"})
    assert len(response.context["areas"]) == 25


def test_thai_names_follow_thai_dictionary_order_within_the_page(world, login):
    # Leading vowels are skipped when Thai is sorted: เกาะ files under ก, before ข.
    for name in ("ขอนแก่น", "เกาะกลาง", "กล้วยน้ำไท"):
        area_create(level=world.community, parent=world.khlong_toei, name_th=name)
    response = login(world.admin).get(
        URL, {"level": "community", "q": "ก"}, headers={"accept-language": "th"}
    )
    names = [n for n in _names(response) if n in ("ขอนแก่น", "เกาะกลาง", "กล้วยน้ำไท")]
    assert names == ["กล้วยน้ำไท", "เกาะกลาง", "ขอนแก่น"]


def test_no_unregistered_community_is_said_plainly_not_as_a_misspelling(world, login):
    response = login(world.tehran_secretary).get(
        URL, {"registration": "unregistered"}, headers={"accept-language": "en"}
    )
    content = response.content.decode()
    # In the language the page is in (the secretary reads Persian, whatever the browser says).
    language = re.search(r'<html lang="(\w+)"', content).group(1)
    with translation.override(language):
        expected = gettext("No community in your area of work is recorded as not registered.")
    assert expected in content
    assert "Try another spelling" not in content


def test_a_search_that_finds_nothing_suggests_another_spelling(world, login):
    content = login(world.admin).get(URL, {"q": "nowhere-at-all"}).content.decode()
    assert "Try another spelling" in content
