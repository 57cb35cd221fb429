"""Digits typed in any system are read; pages show the language's digits."""

from __future__ import annotations

import pytest
from django.utils import translation

from mahalla.core.i18n.digits import localize_digits, to_ascii_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("۱۲٬۳۴۵٫۶", "12,345.6"),
        ("ซอย ๓ บ้านเลขที่ 12/๔", "ซอย 3 บ้านเลขที่ 12/4"),
        ("پلاک ۱۲ و ٣٤", "پلاک 12 و 34"),
        ("", ""),
    ],
)
def test_every_digit_system_becomes_ascii(text, expected):
    assert to_ascii_digits(text) == expected


def test_separators_can_be_left_alone_for_codes():
    assert to_ascii_digits("۱۲٬۳", separators=False) == "12٬3"


def test_none_becomes_empty_text():
    assert to_ascii_digits(None) == ""  # type: ignore[arg-type]
    assert localize_digits(None, "fa") == ""


def test_persian_pages_show_persian_digits():
    assert localize_digits("Lock 123, ๔๕ ٦", "fa") == "Lock ۱۲۳, ۴۵ ۶"


@pytest.mark.parametrize("language", ["th", "en"])
def test_thai_and_english_pages_show_ascii_digits(language):
    assert localize_digits("۱۲۳ ๔๕", language) == "123 45"


def test_only_digits_change_when_localizing():
    assert localize_digits("1.5-2,000/3", "fa") == "۱.۵-۲,۰۰۰/۳"


def test_numbers_are_accepted_and_turned_into_text():
    assert localize_digits(2025, "fa") == "۲۰۲۵"


def test_the_active_language_is_used_by_default():
    with translation.override("fa"):
        assert localize_digits("42") == "۴۲"
    with translation.override("th"):
        assert localize_digits("42") == "42"
