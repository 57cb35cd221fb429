"""Dates in the user's calendar: Buddhist Era (th), Solar Hijri (fa), Gregorian (en).

Formatting uses ICU (month names, Persian calendar and digits). Parsing is ours, because
users type numeric dates in many shapes and ICU's lenient parser accepts nonsense.

Styles: "short" (numeric: th `23/11/2569`, fa `۱۴۰۵/۰۹/۰۲`, en `2026-11-23`), "medium"
(th `23 พ.ย. 2569`, fa `۲ آذر ۱۴۰۵`, en `23 Nov 2026`) and "long" (th `23 พฤศจิกายน พ.ศ. 2569`,
fa `دوشنبه ۲ آذر ۱۴۰۵`, en `23 November 2026`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import zoneinfo
from datetime import UTC, date, datetime, tzinfo

import icu
import jdatetime
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mahalla.core.i18n.digits import BIDI_CONTROLS, localize_digits, to_ascii_digits
from mahalla.core.i18n.languages import resolve_language
from mahalla.core.i18n.timezones import time_zone_name

STYLES = ("short", "medium", "long")
BUDDHIST_ERA_OFFSET = 543
# A Thai year at or above this is Buddhist Era (2400 BE = 1857 CE); below it, the year is
# taken as CE, because Thai users sometimes type the Gregorian year and no date the
# platform records is from before 1857.
BUDDHIST_ERA_THRESHOLD = 2400
# In fa a year above this is Gregorian (1700 AP = 2321 CE), e.g. ISO dates pasted in.
GREGORIAN_IN_FA_THRESHOLD = 1700
EXAMPLE_DATE = date(2025, 3, 20)  # 20/3/2568, ۱۴۰۳/۱۲/۳۰ (last day of a Jalali leap year)

_ICU_LOCALES = {"th": "th_TH@calendar=gregorian", "fa": "fa_IR@calendar=persian", "en": "en"}
_DATE_PATTERNS = {
    "th": {"short": "d/M/y", "medium": "d MMM y", "long": "d MMMM พ.ศ. y"},
    "fa": {"short": "y/MM/dd", "medium": "d MMMM y", "long": "EEEE d MMMM y"},
    "en": {"short": "y-MM-dd", "medium": "d MMM y", "long": "d MMMM y"},
}
_DATETIME_PATTERNS = {
    "th": {"short": "{} HH:mm", "medium": "{} HH:mm", "long": "{} เวลา HH:mm น."},
    "fa": {"short": "{} HH:mm", "medium": "{}، HH:mm", "long": "{}، ساعت HH:mm"},
    "en": {"short": "{} HH:mm", "medium": "{}, HH:mm", "long": "{}, HH:mm"},
}
# Before 1582 ICU's Gregorian calendar switches to Julian; Python dates are proleptic.
_PROLEPTIC = -1e18
_GMT = icu.TimeZone.getGMT()
_local = threading.local()  # ICU formatters are not thread-safe: one set per thread

_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})")
_MAX_INPUT_LENGTH = 40


class DateParseError(ValueError):
    """A date the user typed could not be read; str() is a translated message.

    `code` is "invalid_format" (not a date shape we read) or "invalid_date" (no such day).
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _formatter(language: str, pattern: str) -> icu.SimpleDateFormat:
    cache = _local.__dict__.setdefault("formatters", {})
    key = (language, pattern)
    if key not in cache:
        locale = icu.Locale(_ICU_LOCALES[language])
        fmt = icu.SimpleDateFormat(pattern, locale)
        if language != "fa":
            calendar = icu.GregorianCalendar(_GMT, locale)
            calendar.setGregorianChange(_PROLEPTIC)
            fmt.setCalendar(calendar)
        fmt.setTimeZone(_GMT)
        cache[key] = fmt
    return cache[key]


def _render(wall_clock: datetime, language: str, pattern: str) -> str:
    if language == "th":
        # Year as a literal: the Buddhist Era is the Gregorian year + 543, on a proleptic
        # calendar (ICU's Buddhist calendar has the Julian switch-over built in).
        pattern = pattern.replace("y", f"'{wall_clock.year + BUDDHIST_ERA_OFFSET}'")
    seconds = wall_clock.replace(tzinfo=UTC).timestamp()
    return _formatter(language, pattern).format(seconds)


def _as_tz(tz: tzinfo | str | None) -> tzinfo | None:
    return zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz


def _wall_clock(value: date, tz: tzinfo | str | None) -> datetime:
    """The local date and time to show, as a naive datetime."""
    if not isinstance(value, date):
        raise TypeError(f"expected a date or datetime, not {type(value).__name__}")
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, _as_tz(tz))
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")


def format_date(
    value: date | None,
    language: str | None = None,
    style: str = "medium",
    tz: tzinfo | str | None = None,
) -> str:
    """The date of `value` in the language's calendar; "" for None or "".

    Aware datetimes are first converted to `tz` (default: the current time zone, which is
    settings.TIME_ZONE unless activated otherwise).
    """
    if value is None or value == "":
        return ""
    _check_style(style)
    language = resolve_language(language)
    return _render(_wall_clock(value, tz), language, _DATE_PATTERNS[language][style])


def format_datetime(
    value: date | None,
    language: str | None = None,
    style: str = "medium",
    tz: tzinfo | str | None = None,
) -> str:
    """Date and 24-hour time (e.g. `23 พ.ย. 2569 14:05`, `۲ آذر ۱۴۰۵، ۱۴:۰۵`).

    A plain `date` (not a datetime) is formatted as a date only.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_date(value, language, style)
    _check_style(style)
    language = resolve_language(language)
    pattern = _DATETIME_PATTERNS[language][style].format(_DATE_PATTERNS[language][style])
    return _render(_wall_clock(value, tz), language, pattern)


def date_input_example(language: str | None = None) -> str:
    """A sample date in the short form users should type, e.g. `۱۴۰۳/۱۲/۳۰`."""
    return format_date(EXAMPLE_DATE, language, style="short")


def _format_error(language: str) -> DateParseError:
    message = _("Enter a date like %(example)s.") % {"example": date_input_example(language)}
    return DateParseError(message, "invalid_format")


def _to_gregorian(year: int, month: int, day: int, language: str) -> date:
    if language == "fa" and year <= GREGORIAN_IN_FA_THRESHOLD:
        return jdatetime.date(year, month, day).togregorian()
    if language == "th" and year >= BUDDHIST_ERA_THRESHOLD:
        year -= BUDDHIST_ERA_OFFSET
    return date(year, month, day)


def parse_date(text: str, language: str | None = None) -> date:
    """Read a numeric date typed in the user's calendar; return the Gregorian `date`.

    Accepted: year first (`1403/12/30`, `2024-03-20`) or day first (`30/12/2567`), with
    `/`, `-` or `.` between the parts and digits in any system (`۱۴۰۳/12/٣٠`, `๒๕/๑๒/๒๕๖๗`).
    The year must have four digits; month-first (US) order is never assumed.
    th: years >= 2400 are Buddhist Era, smaller years are CE. fa: years <= 1700 are Solar
    Hijri, larger years Gregorian. en: Gregorian.
    Raises DateParseError (a ValueError) with a translated message.
    """
    language = resolve_language(language)
    cleaned = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", to_ascii_digits(text or "")))
    cleaned = cleaned.strip()
    match = _NUMERIC_DATE.fullmatch(cleaned) if len(cleaned) <= _MAX_INPUT_LENGTH else None
    if match is None:
        raise _format_error(language)
    first, month, last = match.groups()
    if len(first) == 4 and len(last) <= 2:
        year, day = int(first), int(last)
    elif len(last) == 4 and len(first) <= 2:
        year, day = int(last), int(first)
    else:
        raise _format_error(language)
    try:
        return _to_gregorian(year, int(month), day, language)
    except (ValueError, OverflowError):
        message = _("There is no such day as %(value)s. Enter a date like %(example)s.") % {
            "value": localize_digits(cleaned, language),
            "example": date_input_example(language),
        }
        raise DateParseError(message, "invalid_date") from None


def format_time(value: datetime | None, language: str | None = None, tz=None) -> str:
    """The time of day, 24-hour, in the language's digits (`۰۰:۳۰`, `04:00`)."""
    if value is None or value == "":
        return ""
    language = resolve_language(language)
    return _render(_wall_clock(value, tz), language, "HH:mm")


def format_datetime_with_zone(
    value: date | None,
    language: str | None = None,
    style: str = "medium",
    tz: tzinfo | str | None = None,
) -> str:
    """`format_datetime` followed by the zone's name, for pages read across zones
    (imports, history): `۱ فروردین ۱۴۰۵، ۰۰:۳۰ (به وقت تهران)`."""
    text = format_datetime(value, language, style, tz)
    if not isinstance(value, datetime) or not timezone.is_aware(value):
        return text  # a plain date or a naive time has no zone to name
    zone = _as_tz(tz) or timezone.get_current_timezone()
    language = resolve_language(language)
    with translation.override(language):
        return _("%(when)s (%(zone)s)") % {"when": text, "zone": time_zone_name(zone, language)}


def format_weekday(value: date, language: str | None = None) -> str:
    """The day of the week's name in the language (`วันศุกร์`, `جمعه`, `Friday`)."""
    language = resolve_language(language)
    return _render(_wall_clock(value, None), language, "EEEE")


def format_month(value: date | None, language: str | None = None) -> str:
    """The month and year of `value` in the language's calendar (th `พฤศจิกายน 2569`,
    fa `آذر ۱۴۰۵`, en `November 2026`)."""
    if value is None:
        return ""
    language = resolve_language(language)
    return _render(_wall_clock(value, None), language, "MMMM y")
