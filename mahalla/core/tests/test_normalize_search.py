"""Search folds spelling variants in Persian, Arabic, Thai and Latin to one key."""

from __future__ import annotations

import pytest

from mahalla.core.i18n.text import normalize_search


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("على", "علی"),  # alef maksura
        ("كرمانشاه", "کرمانشاه"),  # Arabic kaf
        ("خانۀ", "خانه"),  # heh with yeh above (ezafe)
        ("خانهٔ", "خانه"),  # heh + combining hamza
        ("رحمة", "رحمه"),  # teh marbuta
        ("مسئله", "مسیله"),
        ("می‌خواهم", "میخواهم"),  # ZWNJ
        ("می\u200dخواهم", "میخواهم"),  # ZWJ
        ("مـــحله", "محله"),  # tatweel
        ("مَحَلّه", "محله"),  # harakat
        ("آب", "اب"),  # madda
        ("ﻛﺘﺎﺏ", "کتاب"),  # presentation forms
        ("پلاک ۱۲", "پلاک 12"),
        ("پلاک ١٢", "پلاک 12"),
        ("ซอย ๓", "ซอย 3"),
        ("Café ÉTÉ", "cafe ete"),
        ("Straße", "strasse"),
        ("ＫＨＬＯＮＧ", "khlong"),  # full width
    ],
)
def test_spelling_variants_fold_to_one_key(variant, canonical):
    assert normalize_search(variant) == normalize_search(canonical)


def test_persian_folding_gives_persian_letters():
    assert normalize_search("علي كرمانشاهي") == "علی کرمانشاهی"


def test_thai_words_match_with_or_without_spaces_between_them():
    assert normalize_search("ชุมชน ริมคลอง") == normalize_search("ชุมชนริมคลอง") == "ชุมชนริมคลอง"
    assert normalize_search("ชุมชน\u200bริมคลอง") == "ชุมชนริมคลอง"  # zero-width space


def test_spaces_between_thai_and_other_scripts_are_kept():
    assert normalize_search("ชุมชน  Lock 1-2-3") == "ชุมชน lock 1-2-3"
    assert normalize_search("ซอย ๓ ริมคลอง") == "ซอย 3 ริมคลอง"


def test_thai_vowel_and_tone_marks_are_kept_because_they_change_the_word():
    assert normalize_search("มี") != normalize_search("ม")
    assert normalize_search("ไก่") != normalize_search("ไก้")


@pytest.mark.parametrize(
    ("slip", "intended"),
    [
        ("เเขก", "แขก"),  # two SARA E for SARA AE
        ("ท่ี", "ที่"),  # tone mark typed before the vowel
        ("ก่่", "ก่"),  # mark typed twice
        ("น้ํา", "น้ำ"),  # SARA AM as two characters
    ],
)
def test_common_thai_typing_slips_still_match(slip, intended):
    assert normalize_search(slip) == normalize_search(intended)


def test_whitespace_collapses_and_is_trimmed():
    assert normalize_search("  Khlong \t Toei\n") == "khlong toei"


def test_control_and_invisible_characters_are_removed():
    assert normalize_search("a\x00b\u200bc\ufeff\u200fd") == "a bcd"


@pytest.mark.parametrize("value", [None, "", "   ", "\u200c\u200d"])
def test_empty_input_gives_empty_text(value):
    assert normalize_search(value) == ""


def test_very_long_input_is_handled():
    text = "ชุมชน ริมคลอง " * 20_000
    assert normalize_search(text) == "ชุมชนริมคลอง" * 20_000


def test_folding_twice_changes_nothing():
    for text in ["خانۀ مَحَلّه ۱۲", "เเขก ท่ี น้ำ ชุมชน ริมคลอง", "Café ÉTÉ"]:
        once = normalize_search(text)
        assert normalize_search(once) == once
