"""Reading one answer of a parsed submission as the kind a registry field takes. Pure.

Each reader returns the value, or raises `Problem` with a translated sentence naming the
field, so an approval can say what is wrong before anything is written.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from mahalla.core.i18n.digits import parse_number
from mahalla.core.i18n.text import normalize_search

_TRUE = {"yes", "y", "true", "1", "ok", "ใช่", "มี", "بله", "آری", "دارد"}
_FALSE = {"no", "n", "false", "0", "ไม่ใช่", "ไม่มี", "خیر", "نه", "ندارد"}
_TRUE_KEYS = {normalize_search(w) for w in _TRUE}
_FALSE_KEYS = {normalize_search(w) for w in _FALSE}


class Problem(Exception):
    pass


def at(data: Any, path: str) -> Any:
    """The answer at a question path ("/land/houses") of a parsed submission (or a row)."""
    node = data
    for part in path.strip("/").split("/"):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def relative(path: str, repeat: str) -> str:
    """A question's path inside one row of its repeat."""
    return path[len(repeat) :] if repeat and path.startswith(repeat + "/") else path


def read(kind: str, value: Any, label: Any) -> Any:
    if value is None or value == "" or value == []:
        return [] if kind.startswith("values") else None
    base = kind.split(":", 1)[0]
    return _READERS[base](value, label)


def _text(value: Any, label: Any) -> str:
    return str(value).strip()


def _int(value: Any, label: Any) -> int:
    try:
        number = value if isinstance(value, int) else parse_number(str(value))
        if number != int(number):
            raise ValueError
        number = int(number)
    except (ValueError, InvalidOperation, TypeError) as exc:
        raise Problem(
            _("%(field)s: “%(value)s” is not a whole number.") % {"field": label, "value": value}
        ) from exc
    if number < 0 or number > 10_000_000:
        raise Problem(
            _("%(field)s: %(value)s is not a possible number.") % {"field": label, "value": number}
        )
    return number


def _decimal(value: Any, label: Any) -> Decimal:
    try:
        number = Decimal(str(value)) if isinstance(value, int | float) else parse_number(str(value))
    except (ValueError, InvalidOperation) as exc:
        raise Problem(
            _("%(field)s: “%(value)s” is not a number.") % {"field": label, "value": value}
        ) from exc
    if not number.is_finite() or number < 0 or number >= 1000:
        raise Problem(
            _("%(field)s: %(value)s is not a possible number.") % {"field": label, "value": value}
        )
    return number.quantize(Decimal("0.01"))


def _bool(value: Any, label: Any) -> bool:
    key = normalize_search(str(value))
    if key in _TRUE_KEYS:
        return True
    if key in _FALSE_KEYS:
        return False
    raise Problem(
        _("%(field)s: “%(value)s” is neither yes nor no.") % {"field": label, "value": value}
    )


def _date(value: Any, label: Any) -> date:
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError as exc:
        raise Problem(
            _("%(field)s: “%(value)s” is not a date.") % {"field": label, "value": value}
        ) from exc


def _point(value: Any, label: Any) -> tuple[float, float]:
    coordinates = value.get("coordinates") if isinstance(value, dict) else None
    if not coordinates or len(coordinates) < 2:
        raise Problem(_("%(field)s: the answer is not a location.") % {"field": label})
    longitude, latitude = float(coordinates[0]), float(coordinates[1])
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise Problem(_("%(field)s: the answer is not a location.") % {"field": label})
    return longitude, latitude


def _code(value: Any, label: Any) -> str:
    return str(value).strip()


def _codes(value: Any, label: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).split()
    return [str(item).strip() for item in items if str(item).strip()]


_READERS = {
    "ref": _code,
    "text": _text,
    "int": _int,
    "decimal": _decimal,
    "bool": _bool,
    "date": _date,
    "point": _point,
    "value": _code,
    "values": _codes,
}
