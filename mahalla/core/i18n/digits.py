"""Digits and numbers in the user's script.

Choice: Persian pages show Persian digits (۰-۹), as Iranian readers expect. Thai pages
show ASCII digits: Thai digits (๐-๙) are understood but rare in everyday and official
web use, and Thai officials type ASCII digits. Input is accepted in any of these systems.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from mahalla.core.i18n.languages import resolve_language

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DECIMAL_SEPARATOR = "٫"
ARABIC_THOUSANDS_SEPARATOR = "٬"

_DIGITS_ONLY = str.maketrans(
    {
        **{ch: str(i) for i, ch in enumerate(PERSIAN_DIGITS)},
        **{ch: str(i) for i, ch in enumerate(ARABIC_INDIC_DIGITS)},
        **{ch: str(i) for i, ch in enumerate(THAI_DIGITS)},
    }
)
_TO_ASCII = str.maketrans(
    {
        **{chr(k): v for k, v in _DIGITS_ONLY.items()},
        ARABIC_DECIMAL_SEPARATOR: ".",
        ARABIC_THOUSANDS_SEPARATOR: ",",
    }
)
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
_NATIVE_DIGIT = re.compile(f"[{PERSIAN_DIGITS}{ARABIC_INDIC_DIGITS}{THAI_DIGITS}]")
# Marks that copy-and-paste from right-to-left text leaves around numbers.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?")
_MAX_NUMBER_LENGTH = 100


def to_ascii_digits(text: str, *, separators: bool = True) -> str:
    """Persian, Arabic-Indic and Thai digits, and the Arabic ٫ ٬ separators, to ASCII.

    With `separators=False` only digits change (for codes and phone numbers).
    """
    text = text or ""
    if separators:
        return text.translate(_TO_ASCII)
    # Most text has no native digit: a search in C spares translate()'s lookup per character
    # (SQLite's ORDER BY calls this once per row, through `mahalla.core.db`).
    return text.translate(_DIGITS_ONLY) if _NATIVE_DIGIT.search(text) else text


def localize_digits(text: Any, language: str | None = None) -> str:
    """Write the digits of `text` in the language's digit system (Persian in fa, else ASCII).

    Only digits change; other characters, separators included, are left as they are.
    """
    if text is None:
        return ""
    text = str(text).translate(_DIGITS_ONLY)
    if resolve_language(language) == "fa":
        return text.translate(_TO_PERSIAN)
    return text


def _to_decimal(value: Any, language: str | None) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # str() gives the shortest repr, so 0.1 stays 0.1 instead of its binary expansion.
        return Decimal(str(value))
    return parse_number(str(value), language)


def format_number(
    value: Any,
    language: str | None = None,
    *,
    decimal_places: int | None = None,
    grouping: bool = True,
) -> str:
    """Format a number for display: fa `۱۲٬۳۴۵٫۶`, th and en `12,345.6`.

    Decimals are formatted exactly (no float rounding); `decimal_places` rounds half up.
    None and "" give "". Raises ValueError for text that is not a number.
    """
    if value is None or value == "":
        return ""
    language = resolve_language(language)
    if type(value) is int and decimal_places is None and language != "fa":
        return format(value, ",d" if grouping else "d")  # the counts of every table row
    number = _to_decimal(value, language)
    if not number.is_finite():
        return localize_digits(str(number), language)
    if decimal_places is not None:
        # More digits than the decimal context holds: show the number unrounded.
        with contextlib.suppress(InvalidOperation):
            number = number.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    text = format(number, ",f" if grouping else "f")
    if language != "fa":
        return text
    negative = text.startswith("-")
    text = text.lstrip("-").translate(
        str.maketrans({",": ARABIC_THOUSANDS_SEPARATOR, ".": ARABIC_DECIMAL_SEPARATOR})
    )
    # As ICU does: a true minus sign, kept on the left of the number by a left-to-right mark.
    return ("\u200e\u2212" if negative else "") + text.translate(_TO_PERSIAN)


def parse_number(text: str, language: str | None = None) -> Decimal:
    """Read a number typed in any digit system, e.g. `۱۲٬۳۴۵٫۶`, `12,345.6`, `๑๒๓`.

    Thousands separators must be in the right places ("1,2,3" is refused, because it is
    more likely a typo than a number). In fa "/" is also accepted as the decimal separator,
    as Iranian handwriting and many Iranian keyboards use it ("۲/۵" = 2.5).
    Raises ValueError with a translated message.
    """
    language = resolve_language(language)
    cleaned = unicodedata.normalize("NFKC", to_ascii_digits(text or ""))
    cleaned = BIDI_CONTROLS.sub("", cleaned).strip().replace("\u2212", "-")
    cleaned = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d)", ",", cleaned)
    if language == "fa" and "." not in cleaned and cleaned.count("/") == 1:
        cleaned = cleaned.replace("/", ".")
    match = _NUMBER.fullmatch(cleaned) if len(cleaned) <= _MAX_NUMBER_LENGTH else None
    if match is None or not (match["int"] or match["frac"]):
        raise ValueError(
            _("Enter a number, for example %(example)s.")
            % {"example": format_number(Decimal("1234.5"), language)}
        )
    digits = f"{match['sign']}{(match['int'] or '0').replace(',', '')}"
    if match["frac"]:
        digits += f".{match['frac']}"
    return Decimal(digits)
