"""Numbers are shown with the language's grouping and digits, and read from any digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from mahalla.core.i18n.digits import format_number, parse_number


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (12345, "fa", "۱۲٬۳۴۵"),
        (12345, "th", "12,345"),
        (12345, "en", "12,345"),
        (0, "fa", "۰"),
        (999, "en", "999"),
        (1000000, "th", "1,000,000"),
        (Decimal("12345.67"), "fa", "۱۲٬۳۴۵٫۶۷"),  # as ICU writes it
        (Decimal("-12345.67"), "fa", "\u200e\u2212۱۲٬۳۴۵٫۶۷"),  # as ICU writes it
        (Decimal("-12345.67"), "en", "-12,345.67"),
        (Decimal("1234.50"), "en", "1,234.50"),  # trailing zeros of money are kept
        (Decimal("1E+3"), "en", "1,000"),
        (0.1, "en", "0.1"),
        ("۱۲۳۴", "en", "1,234"),
        (True, "en", "1"),
    ],
)
def test_numbers_are_grouped_in_the_languages_style(value, language, expected):
    assert format_number(value, language) == expected


def test_decimals_are_exact_not_float_rounded():
    value = Decimal("12345678901234567890.123456789")
    assert format_number(value, "en") == "12,345,678,901,234,567,890.123456789"


def test_decimal_places_round_half_up():
    assert format_number(Decimal("2.345"), "en", decimal_places=2) == "2.35"
    assert format_number(Decimal("2.5"), "fa", decimal_places=0) == "۳"
    assert format_number(7, "en", decimal_places=2) == "7.00"


def test_grouping_can_be_switched_off_for_inputs():
    assert format_number(Decimal("12345.5"), "fa", grouping=False) == "۱۲۳۴۵٫۵"


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_is_shown_for_a_missing_number(value):
    assert format_number(value, "fa") == ""


def test_the_active_language_is_used_by_default():
    with translation.override("fa"):
        assert format_number(1500) == "۱٬۵۰۰"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("12345", "en", Decimal("12345")),
        ("۱۲٬۳۴۵", "fa", Decimal("12345")),
        ("۱۲٬۳۴۵٫۶", "fa", Decimal("12345.6")),
        ("12,345.60", "th", Decimal("12345.60")),
        ("๑๒๓", "th", Decimal("123")),
        ("-7", "en", Decimal("-7")),
        ("\u200e\u2212۷", "fa", Decimal("-7")),  # what format_number writes reads back
        ("+3", "en", Decimal("3")),
        (".5", "en", Decimal("0.5")),
        ("12 345", "en", Decimal("12345")),
        ("۲/۵", "fa", Decimal("2.5")),  # the Iranian decimal slash
        (" 42 ", "en", Decimal("42")),
    ],
)
def test_numbers_in_any_digits_are_read(text, language, expected):
    assert parse_number(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("", "en"),
        ("abc", "en"),
        ("1,2,3", "en"),  # separators in the wrong places
        ("12,34", "en"),
        ("1.2.3", "en"),
        ("2/5", "en"),  # the decimal slash is Persian only
        ("1/2/3", "fa"),
        ("-", "en"),
        ("1e5", "en"),
        ("NaN", "en"),
        ("1" * 200, "en"),
        ("12\x00", "en"),
    ],
)
def test_text_that_is_not_a_number_is_refused(text, language):
    with pytest.raises(ValueError, match="Enter a number"):
        parse_number(text, language)


def test_the_refusal_gives_an_example_in_the_users_digits():
    with translation.override("fa"), pytest.raises(ValueError) as caught:
        parse_number("abc")
    assert "۱٬۲۳۴٫۵" in str(caught.value)
