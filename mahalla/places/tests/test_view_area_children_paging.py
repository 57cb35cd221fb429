"""The area page lists children a page at a time, with counts for that page only, and a
search box; its query count does not depend on how many children there are."""

from __future__ import annotations

import re

from django.urls import reverse

from mahalla.places.models import Area
from mahalla.places.tests.many_children import add_children


def _url(area: Area) -> str:
    return reverse("places:area_detail", kwargs={"pk": area.pk})


def _rows(response) -> list[list[str]]:
    table = re.search(r"<tbody>(.*?)</tbody>", response.text, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(
        r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]  # fmt: skip


def _communities(world, count: int) -> list[Area]:
    names = [
        {"name_en": f"Community {n:03d}", "code": f"KT-{n:03d}", "registration": "registered"}
        for n in range(1, count + 1)
    ]
    return add_children(world.khlong_toei, world.community, names)


def test_120_children_come_in_three_pages(world, login):
    _communities(world, 120)
    client = login(world.khlong_toei_officer)
    pages = [
        client.get(_url(world.khlong_toei), {"page": n}, headers={"accept-language": "en"})
        for n in (1, 2, 3)
    ]
    names = [row[0] for page in pages for row in _rows(page)]
    assert [len(_rows(page)) for page in pages] == [50, 50, 22]
    assert len(set(names)) == 122  # the two world communities and the 120 added
    assert "Page 2 of 3" in pages[1].text
    assert "Places in it" in pages[0].text and "(122)" in pages[0].text


def test_counts_are_those_of_the_rows_shown(world, login):
    (first, *_rest) = _communities(world, 60)
    inner = add_children(first, world.community, [{"name_en": "Inner A"}, {"name_en": "Inner B"}])
    add_children(inner[0], world.community, [{"name_en": "Innermost"}])
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), headers={"accept-language": "en"}
    )
    row = next(row for row in _rows(response) if row[0] == "Community 001")
    assert row[-2:] == ["2", "3"]  # directly beneath, all beneath
    other = next(row for row in _rows(response) if row[0] == "Community 002")
    assert other[-2:] == ["0", "0"]


def test_query_count_is_the_same_for_3_and_120_children(
    world, login, django_assert_max_num_queries
):
    client = login(world.khlong_toei_officer)
    with django_assert_max_num_queries(8):
        client.get(_url(world.khlong_toei))
    _communities(world, 120)
    for page in (1, 3):
        with django_assert_max_num_queries(8):
            response = client.get(_url(world.khlong_toei), {"page": page})
        assert response.status_code == 200


def test_search_box_finds_children_by_name_or_code_in_persian_digits(world, login):
    _communities(world, 60)
    client = login(world.khlong_toei_officer)
    by_code = client.get(
        _url(world.khlong_toei), {"q": "KT-۰۴۲"}, headers={"accept-language": "en"}
    )
    assert [row[0] for row in _rows(by_code)] == ["Community 042"]
    assert "1 place matches" in by_code.text
    by_name = client.get(
        _url(world.khlong_toei), {"q": "community 04"}, headers={"accept-language": "en"}
    )
    expected = ["Community 004"] + [f"Community 04{n}" for n in range(10)]
    assert [row[0] for row in _rows(by_name)] == expected


def test_registration_filter_keeps_the_unregistered(world, login):
    _communities(world, 60)
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), {"registration": "unregistered"}, headers={"accept-language": "en"}
    )
    assert [row[0] for row in _rows(response)] == ["ริมคลองพระโขนง"]


def test_an_unknown_registration_is_reported_on_its_field(world, login):
    _communities(world, 60)
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), {"registration": "bogus"}, headers={"accept-language": "en"}
    )
    field = re.search(r"<div[^>]*>\s*<label for=\"id_registration\">.*?</div>", response.text, re.S)
    assert "Select a valid choice" in field.group(0)
    assert len(_rows(response)) == 50  # the list is still shown, unfiltered


def test_search_that_finds_nothing_says_so(world, login):
    _communities(world, 60)
    response = login(world.khlong_toei_officer).get(
        _url(world.khlong_toei), {"q": "zzz"}, headers={"accept-language": "en"}
    )
    assert "No place in it matches this search." in response.text


def test_search_box_is_not_offered_for_a_short_list(world, login):
    response = login(world.khlong_toei_officer).get(_url(world.khlong_toei))
    assert "children-filters" not in response.text
