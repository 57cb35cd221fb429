"""Search by name in any language, forgiving the spelling variants people really type."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.places.services import area_create
from mahalla.places.tests.many_children import add_children

URL = reverse("places:area_list")


def _found(client, q: str, language: str = "en") -> set[int]:
    response = client.get(URL, {"q": q}, headers={"accept-language": language})
    assert response.status_code == 200
    return {area.pk for area in response.context["areas"]}


@pytest.fixture
def nikabad(world):
    """A Tehran neighbourhood written the Persian way: keheh, Farsi yeh and a ZWNJ."""
    return area_create(
        level=world.neighbourhood,
        parent=world.tehran_d12,
        code="D12-NK",
        name_en="Nik Abad",
        name_fa="کوی نیک\u200cآباد",
    )


def test_persian_name_finds_tehran(world, login):
    assert world.tehran.pk in _found(login(world.tehran_secretary), "تهران", "fa")


def test_arabic_letter_variants_find_the_persian_spelling(world, login, nikabad):
    client = login(world.tehran_secretary)
    # Arabic kaf (ك) and Arabic yeh (ي) as an Arabic keyboard types them.
    assert nikabad.pk in _found(client, "كوي نيك\u200cآباد", "fa")


def test_zwnj_space_and_joined_spellings_all_match(world, login, nikabad):
    client = login(world.tehran_secretary)
    for spelling in ("نیکآباد", "نیک آباد", "نیک\u200cآباد"):
        assert nikabad.pk in _found(client, spelling, "fa"), spelling


def test_thai_name_finds_the_district(world, login):
    assert world.khlong_toei.pk in _found(login(world.khlong_toei_officer), "คลองเตย", "th")


def test_thai_with_or_without_spaces_matches(world, login):
    client = login(world.khlong_toei_officer)
    assert world.khlong_toei.pk in _found(client, "คลอง เตย", "th")
    assert world.lock_123.pk in _found(client, "ล็อค1-2-3", "th")
    assert world.rim_khlong.pk in _found(client, "ริมคลอง พระโขนง", "th")


def test_english_search_ignores_case_and_word_order(world, login):
    client = login(world.khlong_toei_officer)
    assert _found(client, "TOEI khlong") == {world.khlong_toei.pk}


def test_search_by_code(world, login):
    assert _found(login(world.khlong_toei_officer), "kt-01") == {world.lock_123.pk}


def test_search_never_reaches_outside_the_scope(world, login):
    client = login(world.pathum_wan_officer)
    assert _found(client, "คลองเตย", "th") == set()
    assert _found(client, "Khlong") == set()
    assert _found(client, "ปทุมวัน", "th") == {world.pathum_wan.pk}


def test_persian_search_from_a_thai_officer_finds_nothing_out_of_scope(world, login):
    assert _found(login(world.khlong_toei_officer), "تهران", "fa") == set()


def test_search_results_are_in_numeric_order_in_persian(world, login):
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    # ۱۰۳ after ۱۳: ICU's own comparison gets that wrong with Persian digits.
    names = [{"name_fa": f"منطقه {n}".translate(digits)} for n in (22, 103, 6, 15, 1, 13)]
    add_children(world.tehran, world.district, names)
    response = login(world.admin).get(
        reverse("places:area_list"), {"q": "منطقه"}, headers={"accept-language": "fa"}
    )
    shown = [area.name for area in response.context["areas"]]
    assert shown == [f"منطقه {n}".translate(digits) for n in (1, 6, 12, 13, 15, 22, 103)]
