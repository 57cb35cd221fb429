"""Names sort by the language's dictionary order, not by code point."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation

from mahalla.core.i18n.collation import sort_key, sorted_localized


def test_thai_leading_vowels_sort_under_the_consonant():
    words = ["คลอง", "เขต", "กลาง", "ไก่"]
    assert sorted(words) == ["กลาง", "คลอง", "เขต", "ไก่"]  # code point order is wrong
    assert sorted_localized(words, language="th") == ["กลาง", "ไก่", "เขต", "คลอง"]


def test_persian_letters_sort_in_the_persian_alphabet():
    words = ["تهران", "پارک", "بازار", "ژاله", "زمین", "گلستان", "کوچه", "چمن", "جاده"]
    assert sorted_localized(words, language="fa") == [
        "بازار", "پارک", "تهران", "جاده", "چمن", "زمین", "ژاله", "کوچه", "گلستان",
    ]  # fmt: skip


def test_objects_are_sorted_by_a_key():
    areas = [SimpleNamespace(name=n) for n in ["เขต", "กลาง"]]
    result = sorted_localized(areas, key=lambda a: a.name, language="th")
    assert [a.name for a in result] == ["กลาง", "เขต"]


def test_reverse_and_missing_names():
    assert sorted_localized(["b", None, "a"], key=lambda s: s, language="en", reverse=True) == [
        "b",
        "a",
        None,
    ]


def test_english_ignores_case_first():
    assert sorted_localized(["banana", "Apple", "cherry"], language="en") == [
        "Apple",
        "banana",
        "cherry",
    ]


def test_sort_key_uses_the_active_language():
    with translation.override("fa"):
        assert sort_key("پارک") < sort_key("تهران")
    assert sort_key("پارک", "fa") < sort_key("تهران", "fa")
    assert sort_key(None, "th") == sort_key("", "th")
