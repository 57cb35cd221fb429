"""Which time zone a reader sees times in, and how a zone is named to them.

Times are stored in UTC. A reader sees them in their own zone: the one saved on their
account, else the usual zone of their language (th: Bangkok, fa: Tehran), else the site's
TIME_ZONE. The zones our users live in have names we translate ("Tehran time" reads
"به وقت تهران"); any other zone is named by ICU in the reader's language.
"""

from __future__ import annotations

import threading
import zoneinfo
from datetime import tzinfo
from functools import lru_cache

import icu
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mahalla.core.i18n.languages import resolve_language

# The usual zone of each language's readers; English readers get settings.TIME_ZONE.
LANGUAGE_TIME_ZONES = {"th": "Asia/Bangkok", "fa": "Asia/Tehran"}
# Offered first on the account page, with names we translate ourselves.
COMMON_TIME_ZONES = {
    "Asia/Bangkok": gettext_lazy("Bangkok time"),
    "Asia/Tehran": gettext_lazy("Tehran time"),
    "UTC": gettext_lazy("UTC"),
}
_ICU_LOCALES = {"th": "th_TH", "fa": "fa_IR", "en": "en"}
_local = threading.local()  # ICU formatters are not thread-safe: one set per thread


@lru_cache(maxsize=1)
def available_time_zones() -> frozenset[str]:
    """Zone names Python can load (the IANA database), without legacy aliases."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name == "UTC" or ("/" in name and not name.startswith(("Etc/", "SystemV/", "US/")))
    )


def is_time_zone(name: str) -> bool:
    return name in COMMON_TIME_ZONES or name in available_time_zones()


def default_time_zone(language: str | None = None) -> str:
    """The zone a reader of `language` sees when they have chosen none."""
    return LANGUAGE_TIME_ZONES.get(resolve_language(language), settings.TIME_ZONE)


def reader_time_zone(chosen: str, language: str | None = None) -> zoneinfo.ZoneInfo:
    """The zone to show times in: `chosen` if it is a known zone, else the language's."""
    name = chosen if chosen and is_time_zone(chosen) else default_time_zone(language)
    return zoneinfo.ZoneInfo(name)


def _zone_key(tz: tzinfo | str) -> str:
    if isinstance(tz, str):
        return tz
    return getattr(tz, "key", None) or str(tz)


def time_zone_name(tz: tzinfo | str, language: str | None = None) -> str:
    """The zone as a reader says it: "Tehran time" → "به وقت تهران", "เวลากรุงเทพฯ".

    Zones outside our short list get ICU's generic location name ("เวลานิวยอร์ก").
    """
    key = _zone_key(tz)
    language = resolve_language(language)
    if key in COMMON_TIME_ZONES:
        with translation.override(language):
            return str(COMMON_TIME_ZONES[key])
    cache = _local.__dict__.setdefault("names", {})
    if (language, key) not in cache:
        formatter = icu.SimpleDateFormat("VVVV", icu.Locale(_ICU_LOCALES[language]))
        formatter.setTimeZone(icu.TimeZone.createTimeZone(key))
        cache[(language, key)] = formatter.format(0.0)
    return cache[(language, key)]


def time_zone_choices(language: str | None = None) -> list[tuple[str, object]]:
    """Choices for a <select>: our zones first, then every other zone by its region.

    Each other zone shows its IANA name (which people recognise across languages) and its
    name in the reader's language, e.g. "Asia/Kolkata · เวลาอินเดีย".
    """
    language = resolve_language(language)
    common = [(key, time_zone_name(key, language)) for key in COMMON_TIME_ZONES]
    others = [
        (key, f"{key} · {time_zone_name(key, language)}")
        for key in sorted(available_time_zones() - COMMON_TIME_ZONES.keys())
    ]
    return [*common, (_("Other time zones"), others)]
