"""Dates are shown in the user's calendar: Buddhist Era, Solar Hijri, Gregorian.

Expected values were checked against both ICU and jdatetime.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from django.utils import translation

from mahalla.core.i18n.calendars import format_date, format_datetime
from mahalla.core.i18n.digits import to_ascii_digits

NOV_23 = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("th", "short", "23/11/2569"),
        ("th", "medium", "23 พ.ย. 2569"),
        ("th", "long", "23 พฤศจิกายน พ.ศ. 2569"),
        ("fa", "short", "۱۴۰۵/۰۹/۰۲"),
        ("fa", "medium", "۲ آذر ۱۴۰۵"),
        ("fa", "long", "دوشنبه ۲ آذر ۱۴۰۵"),
        ("en", "short", "2026-11-23"),
        ("en", "medium", "23 Nov 2026"),
        ("en", "long", "23 November 2026"),
    ],
)
def test_a_date_is_written_in_each_languages_calendar(language, style, expected):
    assert format_date(NOV_23, language, style) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2024, 12, 31), "31/12/2567"), (date(2025, 1, 1), "1/1/2568")],
)
def test_the_buddhist_era_year_changes_on_the_first_of_january(day, expected):
    assert format_date(day, "th", "short") == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 20), "۱۴۰۳/۱۲/۳۰"),  # last day of 1403, a leap year
        (date(2025, 3, 21), "۱۴۰۴/۰۱/۰۱"),  # Nowruz
        (date(2024, 12, 31), "۱۴۰۳/۱۰/۱۱"),
    ],
)
def test_the_solar_hijri_year_changes_at_nowruz(day, expected):
    assert format_date(day, "fa", "short") == expected


def test_solar_hijri_dates_agree_with_jdatetime_for_a_decade():
    day = date(2020, 1, 1)
    while day < date(2031, 1, 1):
        expected = jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
        assert to_ascii_digits(format_date(day, "fa", "short")) == expected, day
        day += timedelta(days=1)


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("fa"):
        assert format_date(NOV_23) == "۲ آذر ۱۴۰۵"
    with translation.override("th"):
        assert format_date(NOV_23) == "23 พ.ย. 2569"


def test_an_unknown_language_falls_back_to_english():
    assert format_date(NOV_23, "de") == "23 Nov 2026"
    assert format_date(NOV_23, "fa-IR") == "۲ آذر ۱۴۰۵"


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("th", "medium", "23 พ.ย. 2569 21:05"),
        ("th", "long", "23 พฤศจิกายน พ.ศ. 2569 เวลา 21:05 น."),
        ("fa", "medium", "۲ آذر ۱۴۰۵، ۲۱:۰۵"),
        ("fa", "short", "۱۴۰۵/۰۹/۰۲ ۲۱:۰۵"),
        ("en", "medium", "23 Nov 2026, 21:05"),
        ("en", "short", "2026-11-23 21:05"),
    ],
)
def test_datetimes_show_the_local_time(language, style, expected):
    moment = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    assert format_datetime(moment, language, style, tz="Asia/Bangkok") == expected


def test_an_aware_datetime_near_midnight_shows_the_local_day():
    # 20:30 UTC on 20 March 2025 is already Nowruz (21 March) in Tehran (UTC+3:30).
    moment = datetime(2025, 3, 20, 20, 30, tzinfo=UTC)
    assert format_date(moment, "fa", "short", tz=ZoneInfo("Asia/Tehran")) == "۱۴۰۴/۰۱/۰۱"
    assert format_date(moment, "fa", "short", tz="UTC") == "۱۴۰۳/۱۲/۳۰"


def test_aware_datetimes_default_to_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Bangkok"
    moment = datetime(2024, 12, 31, 18, 0, tzinfo=UTC)  # 1 Jan 2025 01:00 in Bangkok
    assert format_datetime(moment, "th", "short") == "1/1/2568 01:00"


def test_a_naive_datetime_is_shown_as_it_is():
    assert format_datetime(datetime(2025, 1, 1, 7, 30), "en", "short") == "2025-01-01 07:30"


def test_a_plain_date_given_to_format_datetime_has_no_time():
    assert format_datetime(NOV_23, "en") == "23 Nov 2026"


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_is_shown_for_a_missing_date(value):
    assert format_date(value, "fa") == ""
    assert format_datetime(value, "th") == ""


def test_dates_before_the_gregorian_reform_stay_proleptic():
    # ICU would switch to the Julian calendar before 1582; Python dates never do.
    assert format_date(date(1500, 3, 1), "en") == "1 Mar 1500"
    assert format_date(date(1500, 3, 1), "th", "short") == "1/3/2043"


def test_an_unknown_style_is_a_programming_error():
    with pytest.raises(ValueError, match="style"):
        format_date(NOV_23, "en", "tiny")


def test_something_that_is_not_a_date_is_a_programming_error():
    with pytest.raises(TypeError):
        format_date("2025-03-20", "en")  # type: ignore[arg-type]


def test_empty_language_means_the_active_one():
    with translation.override("th"):
        assert format_date(NOV_23, "") == "23 พ.ย. 2569"
