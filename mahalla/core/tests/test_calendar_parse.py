"""Dates typed in the user's calendar and digits are read as Gregorian dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import translation

from mahalla.core.i18n.calendars import DateParseError, format_date, parse_date


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1403/12/30", "fa", date(2025, 3, 20)),  # 1403 is a Jalali leap year
        ("۱۴۰۳/۱۲/۳۰", "fa", date(2025, 3, 20)),
        ("۱۴۰۳/12/٣٠", "fa", date(2025, 3, 20)),  # Persian, ASCII and Arabic-Indic at once
        ("1404/01/01", "fa", date(2025, 3, 21)),  # Nowruz
        ("1404-1-1", "fa", date(2025, 3, 21)),
        ("1399.12.30", "fa", date(2021, 3, 20)),
        ("30/12/1403", "fa", date(2025, 3, 20)),  # day first
        ("۱۴۰۳٫۱۲٫۳۰", "fa", date(2025, 3, 20)),  # Arabic decimal separator as the dot
        ("2024-03-20", "fa", date(2024, 3, 20)),  # a year above 1700 is Gregorian
        ("30/12/2567", "th", date(2024, 12, 30)),
        ("๒๕/๑๒/๒๕๖๗", "th", date(2024, 12, 25)),
        ("31/12/2567", "th", date(2024, 12, 31)),
        ("1/1/2568", "th", date(2025, 1, 1)),
        ("2567-12-31", "th", date(2024, 12, 31)),
        ("2024-03-20", "th", date(2024, 3, 20)),  # a year below 2400 is CE
        ("29/02/2567", "th", date(2024, 2, 29)),  # 2024 CE is a leap year
        ("2024-03-20", "en", date(2024, 3, 20)),
        ("20.03.2024", "en", date(2024, 3, 20)),
        ("  20 / 3 / 2024  ", "en", date(2024, 3, 20)),
        ("\u200f۱۴۰۳/۱۲/۳۰\u200e", "fa", date(2025, 3, 20)),  # bidi marks from copy-paste
        ("２０２４-０３-２０", "en", date(2024, 3, 20)),  # full-width digits
    ],
)
def test_numeric_dates_in_the_users_calendar_are_read(text, language, expected):
    assert parse_date(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1404/12/30", "fa"),  # 1404 is not a leap year
        ("1403/13/01", "fa"),
        ("1403/07/31", "fa"),  # the second half of the year has 30-day months
        ("31/02/2567", "th"),
        ("29/02/2566", "th"),  # 2023 CE is not a leap year
        ("2023-02-29", "en"),
        ("0000-01-01", "en"),
    ],
)
def test_days_that_do_not_exist_are_refused_with_a_translated_message(text, language):
    with pytest.raises(ValueError, match="no such day") as caught:
        parse_date(text, language)
    assert caught.value.code == "invalid_date"


def test_the_message_for_a_missing_day_is_in_the_users_language_and_digits():
    with translation.override("fa"), pytest.raises(DateParseError) as caught:
        parse_date("1404/12/30")
    assert "۱۴۰۴/۱۲/۳۰" in str(caught.value)
    assert "۱۴۰۳/۱۲/۳۰" in str(caught.value)  # the example of what to type


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "tomorrow",
        "1403/12",
        "12/30",
        "03/20/24",  # two-digit years are ambiguous
        "1403/12/30/1",
        "1403//12/30",
        "14030/12/30",
        "1403/123/30",
        "2024-03-20T10:00",
        "1403/12/30\x00",
        "1403\n/12/30x",
        "1" * 10_000,
        "1403/12/30" * 1000,
        "<script>alert(1)</script>",
    ],
)
def test_text_that_is_not_a_date_names_the_expected_form(text):
    with pytest.raises(DateParseError) as caught:
        parse_date(text, "fa")
    assert caught.value.code == "invalid_format"
    assert str(caught.value) == "Enter a date like ۱۴۰۳/۱۲/۳۰."


def test_none_is_refused_like_empty_text():
    with pytest.raises(DateParseError):
        parse_date(None, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["th", "fa", "en"])
def test_every_shown_short_date_reads_back_as_the_same_day(language):
    day = date(2023, 1, 1)
    while day < date(2027, 1, 1):
        assert parse_date(format_date(day, language, "short"), language) == day
        day += timedelta(days=1)


def test_the_active_language_decides_the_calendar():
    with translation.override("th"):
        assert parse_date("1/1/2568") == date(2025, 1, 1)
    with translation.override("fa"):
        assert parse_date("1404/01/01") == date(2025, 3, 21)
