"""Integers the API is given are checked before any query: malformed or out-of-range ids,
pages and page sizes are a 400 naming the input (or a 404 for a path id), never a 500."""

from __future__ import annotations

import pytest

from mahalla.core.api import MAX_ID

AREAS = "/api/areas/"
ORGANISATIONS = "/api/organisations/"


@pytest.fixture
def api(world, login):
    return login(world.admin)


@pytest.mark.parametrize(
    ("url", "name", "value"),
    [
        (AREAS, "parent", "1e20"),
        (AREAS, "parent", "-1"),
        (AREAS, "parent", "0"),
        (AREAS, "parent", str(MAX_ID + 1)),
        (AREAS, "parent", "1.5"),
        (AREAS, "within", "99999999999999999999"),
        (AREAS, "within", "abc"),
        (ORGANISATIONS, "area", "1e20"),
        (AREAS, "page", "99999999999999999999"),
        (AREAS, "page", "-1"),
        (AREAS, "page", "1e3"),
        (AREAS, "page_size", "0"),
        (AREAS, "page_size", "many"),
        (AREAS, "page_size", "99999999999999999999"),
    ],
)
def test_a_bad_integer_is_a_400_naming_the_input(api, url, name, value):
    response = api.get(url, {name: value})
    assert response.status_code == 400
    assert list(response.json()) == [name]
    assert response.json()[name][0]  # a sentence, e.g. "Enter a whole number."


def test_the_message_follows_the_request_language(api):
    response = api.get(AREAS, {"parent": "-1"}, HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 400
    assert "Ensure this value" not in response.json()["parent"][0]


def test_ids_in_range_still_filter_and_persian_digits_are_read(api, world):
    response = api.get(AREAS, {"parent": str(world.bangkok.pk).translate(_PERSIAN)})
    assert response.status_code == 200
    assert {row["code"] for row in response.json()["results"]} == {"1033", "1007"}
    assert api.get(AREAS, {"parent": str(MAX_ID)}).json()["count"] == 0


def test_a_page_past_the_last_is_a_404_and_a_large_page_size_is_capped(api):
    assert api.get(AREAS, {"page": str(MAX_ID)}).status_code == 404
    response = api.get(AREAS, {"page_size": "100000"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == response.json()["count"]  # 9 areas, under 500


@pytest.mark.parametrize("pk", ["99999999999999999999", str(MAX_ID + 1), "0", "-1", "1e3"])
def test_an_impossible_path_id_is_a_404(api, pk):
    assert api.get(f"{AREAS}{pk}/").status_code == 404
    assert api.get(f"{AREAS}{pk}/children/").status_code == 404
    assert api.get(f"{ORGANISATIONS}{pk}/").status_code == 404


_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
