"""Times are shown in the reader's time zone, calendar and digits, with the zone named
where readers compare times (imports, history)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from mahalla.core.i18n.timezones import default_time_zone, reader_time_zone, time_zone_name

# 00:30 on Nowruz 1405 in Tehran (UTC+03:30), 04:00 in Bangkok (UTC+07:00).
INSTANT = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)


def render(source: str, language: str, zone: str, **context) -> str:
    with translation.override(language), timezone.override(zone):
        return engines["django"].from_string(source).render(context)


def test_a_tehran_reader_sees_the_first_of_farvardin_past_midnight():
    assert render("{{ t|localdatetime }}", "fa", "Asia/Tehran", t=INSTANT) == (
        "۱ فروردین ۱۴۰۵، ۰۰:۳۰"
    )


def test_a_bangkok_reader_sees_four_in_the_morning_in_the_buddhist_era():
    assert render("{{ t|localdatetime }}", "th", "Asia/Bangkok", t=INSTANT) == (
        "21 มี.ค. 2569 04:00"
    )


def test_the_zone_is_named_in_the_readers_language():
    source = "{{ t|localdatetime_zone }}"
    assert render(source, "fa", "Asia/Tehran", t=INSTANT) == "۱ فروردین ۱۴۰۵، ۰۰:۳۰ (به وقت تهران)"
    assert render(source, "th", "Asia/Bangkok", t=INSTANT) == "21 มี.ค. 2569 04:00 (เวลากรุงเทพฯ)"
    assert render(source, "en", "UTC", t=INSTANT) == "20 Mar 2026, 21:00 (UTC)"


def test_a_zone_outside_our_list_is_named_by_icu():
    assert render("{{ t|localdatetime_zone }}", "th", "America/New_York", t=INSTANT) == (
        "20 มี.ค. 2569 17:00 (เวลานิวยอร์ก)"
    )


def test_localtime_gives_the_time_of_day_in_local_digits():
    assert render("{{ t|localtime }}", "fa", "Asia/Tehran", t=INSTANT) == "۰۰:۳۰"
    assert render("{{ t|localtime }}", "th", "Asia/Bangkok", t=INSTANT) == "04:00"


def test_a_plain_date_has_no_zone_to_name():
    assert render("{{ d|localdatetime_zone }}", "fa", "Asia/Tehran", d=date(2026, 3, 21)) == (
        "۱ فروردین ۱۴۰۵"
    )


@pytest.mark.parametrize("filter_name", ["localdatetime_zone", "localtime"])
def test_missing_or_wrong_values_do_not_break_the_page(filter_name):
    source = f"[{{{{ v|{filter_name} }}}}]"
    assert render(source, "fa", "Asia/Tehran", v=None) == "[]"
    assert render(source, "fa", "Asia/Tehran", v="soon") == "[soon]"


def test_each_language_has_its_usual_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    assert default_time_zone("th") == "Asia/Bangkok"
    assert default_time_zone("fa") == "Asia/Tehran"
    assert default_time_zone("en") == "Europe/London"


def test_an_unknown_saved_zone_falls_back_to_the_languages():
    assert reader_time_zone("Mars/Olympus_Mons", "fa").key == "Asia/Tehran"
    assert reader_time_zone("", "th").key == "Asia/Bangkok"
    assert reader_time_zone("Asia/Kolkata", "th").key == "Asia/Kolkata"


def test_zone_names_of_our_cities():
    assert time_zone_name("Asia/Bangkok", "fa") == "به وقت بانکوک"
    assert time_zone_name("Asia/Tehran", "th") == "เวลาเตหะราน"
