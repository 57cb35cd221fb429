"""Messages written by background jobs, stored as a code and parameters.

A job runs in the worker's language, not the reader's: text rendered there would stay English
on Thai and Persian pages. So a job stores `{"code": ..., "params": {...}}` (plain JSON) and
the page renders it in the reader's language and digits, at view time.

Each app registers its codes with `register()` from a `job_messages` module imported by its
AppConfig, so an unknown code is a programming error caught by the tests, not a blank row.

Parameters are plain JSON values. Numbers are shown in the reader's digits; a parameter that is
itself a message (a dict with "code") is rendered first, so a reason can sit inside a sentence;
`point` parameters (`[longitude, latitude]`) become a link to the spot on the map; `date`
and `…_at` parameters (ISO text) are shown in the reader's calendar and time zone.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

Message = dict[str, Any]

_REGISTRY: dict[str, Promise | str] = {}


def register(messages: dict[str, Promise | str]) -> None:
    """Make codes known; each maps to a lazily translated template with %(name)s fields.

    Parameters arrive already rendered as text, so templates use `%(name)s` only.
    """
    for code, template in messages.items():
        if code in _REGISTRY and _REGISTRY[code] is not template:
            raise ValueError(f"job message code {code!r} is registered twice")
        _REGISTRY[code] = template


def is_registered(code: str) -> bool:
    return code in _REGISTRY


def message(code: str, /, **params: Any) -> Message:
    """A message to store: `message("places.no_geometry")`, `message("x", count=3)`."""
    if code not in _REGISTRY:
        raise KeyError(f"unknown job message code {code!r}; register it in job_messages.py")
    return {"code": code, "params": params}


def is_message(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("code"), str)


def names(obj: Any) -> dict:
    """A parameter naming a thing in every language (`name_en`, `name_th`, `name_fa`), so the
    reader sees the name in theirs rather than the worker's."""
    return {"names": {code: getattr(obj, f"name_{code}", "") or "" for code in ("en", "th", "fa")}}


def _localized(names_by_language: dict) -> str:
    from django.utils.translation import get_language

    language = (get_language() or "en")[:2]
    for code in (language, "en", "th", "fa"):
        if names_by_language.get(code):
            return str(names_by_language[code])
    return ""


def _point_link(point: Any, map_url: str | None) -> str:
    from mahalla.core.i18n.digits import format_number

    try:
        lon, lat = float(point[0]), float(point[1])
    except (TypeError, ValueError, IndexError):
        return conditional_escape(str(point))
    # Latitude first, as people read and say coordinates; the digits are the reader's.
    shown = ", ".join(format_number(round(v, 5), decimal_places=5) for v in (lat, lon))
    if not map_url:
        return format_html('<span dir="ltr">{}</span>', shown)
    return format_html(
        '<a href="{}?spot={},{}#area-map" dir="ltr">{}</a>',
        map_url,
        f"{lon:.6f}",
        f"{lat:.6f}",
        shown,
    )


def _date(value: str) -> str:
    """An ISO date shown in the reader's calendar and digits (a job stores it as text)."""
    from datetime import date

    from mahalla.core.i18n.calendars import format_date

    try:
        return conditional_escape(format_date(date.fromisoformat(value)))
    except ValueError:
        return format_html("<bdi>{}</bdi>", value)


def _datetime(value: str) -> str:
    """An ISO date and time shown in the reader's calendar, time zone and digits."""
    from datetime import datetime

    from mahalla.core.i18n.calendars import format_datetime_with_zone

    try:
        return conditional_escape(format_datetime_with_zone(datetime.fromisoformat(value)))
    except ValueError:
        return format_html("<bdi>{}</bdi>", value)


def _param(name: str, value: Any, map_url: str | None) -> str:
    from mahalla.core.i18n.digits import format_number

    if is_message(value):
        return render(value, map_url=map_url)
    if isinstance(value, dict) and isinstance(value.get("names"), dict):
        return format_html("<bdi>{}</bdi>", _localized(value["names"]))
    if name == "point" or name.endswith("_point"):
        return _point_link(value, map_url)
    if (name == "date" or name.endswith("_date")) and isinstance(value, str):
        return _date(value)
    if name.endswith("_at") and isinstance(value, str):
        return _datetime(value)
    if isinstance(value, bool):
        return conditional_escape(str(value))
    if isinstance(value, int | float):
        return conditional_escape(format_number(value))
    # User-supplied text (names, codes, file names) is isolated from the sentence around it.
    return format_html("<bdi>{}</bdi>", value)


def render(value: Any, *, map_url: str | None = None) -> SafeString:
    """HTML of a stored message in the active language ("" for nothing).

    Text stored before messages had codes (or by an older release) is shown as it was.
    """
    if value in (None, "", {}):
        return mark_safe("")  # noqa: S308 - empty
    if isinstance(value, str):
        return conditional_escape(value)
    if not is_message(value):
        return conditional_escape(str(value))
    template = _REGISTRY.get(value["code"])
    if template is None:
        unknown = _("An unknown message (%(code)s).") % {"code": value["code"]}
        return conditional_escape(str(unknown))
    params = value.get("params") or {}
    rendered = {name: _param(name, v, map_url) for name, v in params.items()}
    text = conditional_escape(str(template))
    try:
        # The template was escaped first, then safe parameters are put in: no double escaping.
        return mark_safe(text % rendered if rendered else text)  # noqa: S308 - escaped above
    except (KeyError, TypeError, ValueError):
        return text


def render_text(value: Any) -> str:
    """Plain text of a stored message (exports, logs, e-mails), in the active language."""
    from django.utils.html import strip_tags

    return strip_tags(render(value))


# Not translated: the text is shown as it came.
register({"core.text": "%(text)s"})


def text(value: str) -> Message:
    """Wrap text that has no code (from a file, say) so it can sit where a message goes."""
    return message("core.text", text=value)
