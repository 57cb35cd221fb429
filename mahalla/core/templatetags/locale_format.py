"""Template filters for the user's calendar and digits (registered as builtins).

Thin wrappers over mahalla.core.i18n, in the active language. No value makes them raise:
None and "" give "", and a value of the wrong type is shown as text rather than breaking
the page. (An unknown style name is a template bug and does raise.)
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from mahalla.core.i18n.calendars import (
    format_date,
    format_datetime,
    format_datetime_with_zone,
    format_time,
)
from mahalla.core.i18n.digits import format_number, localize_digits

register = template.Library()


@register.filter
def localdate(value: Any, style: str = "medium") -> str:
    """`{{ area.created_at|localdate }}`, `{{ d|localdate:"short" }}`."""
    if value is None or value == "":
        return ""
    if not isinstance(value, date):
        return str(value)
    return format_date(value, style=style)


@register.filter
def localdatetime(value: Any, style: str = "medium") -> str:
    """`{{ item.created_at|localdatetime }}`: date and time in the current time zone."""
    if value is None or value == "":
        return ""
    if not isinstance(value, date):
        return str(value)
    return format_datetime(value, style=style)


@register.filter
def localdatetime_zone(value: Any, style: str = "medium") -> str:
    """Like `localdatetime`, followed by the zone's name, where readers may be in several
    zones or compare with a file's time: `۱ فروردین ۱۴۰۵، ۰۰:۳۰ (به وقت تهران)`."""
    if value is None or value == "":
        return ""
    if not isinstance(value, date):
        return str(value)
    return format_datetime_with_zone(value, style=style)


@register.filter
def localtime(value: Any) -> str:
    """`{{ t|localtime }}`: the time of day in the current zone and the language's digits.

    Replaces Django's `tz` library filter of the same name in our templates (which never
    `{% load tz %}`): that one returns a datetime for further formatting, ours the text.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return str(value)
    return format_time(value)


@register.filter
def localdigits(value: Any) -> str:
    """Digits in the language's system, nothing else changed (codes, phone numbers)."""
    if value is None or value == "":
        return ""
    return localize_digits(value)


@register.filter
def localnumber(value: Any, decimal_places: Any = None) -> str:
    """`{{ count|localnumber }}` → `۱۲٬۳۴۵` in fa; `{{ amount|localnumber:2 }}` rounds."""
    if value is None or value == "":
        return ""
    try:
        places = None if decimal_places in (None, "") else int(decimal_places)
        return format_number(value, decimal_places=places)
    except (TypeError, ValueError):
        return localize_digits(value)


@register.filter(needs_autoescape=True)
def bidi(value: Any, autoescape: bool = True) -> str:
    """`{{ area.name|bidi }}`: user-supplied text, escaped, in a `<bdi>` element.

    A name in another script, or one carrying a direction override (U+202E), then cannot
    reorder the sentence or the punctuation around it: the browser treats it as an isolate
    with its own direction. For element content only: titles and attributes take plain text.
    """
    if value is None or value == "":
        return ""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(f"<bdi>{text}</bdi>")  # noqa: S308 - the text is escaped just above


@register.filter
def localfilesize(value: Any) -> str:
    """`{{ bytes|localfilesize }}` → `۳٫۵ کیلوبایت` in fa: Django's `filesizeformat` leaves
    "KB" and "MB" untranslated in th and fa, and its digits Latin."""
    from django.utils.translation import gettext, ngettext

    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": format_number(size)}
    if size < 1024 * 1024:
        unit, factor = gettext("%(size)s KB"), 1024
    else:
        unit, factor = gettext("%(size)s MB"), 1024 * 1024
    return unit % {"size": format_number(Decimal(size) / factor, decimal_places=1)}
