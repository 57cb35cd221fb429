"""Form inputs in three languages: which comes first, and which way each one's text runs.

A Persian officer types the Persian name first, a Thai officer the Thai one; English comes
next (the language shared across programmes), then the other. On a right-to-left page a
Latin-script input (English name, code, email, username, URL) must say `dir="ltr"`, or
its text and caret jump around as soon as it holds digits or punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mahalla.core.i18n.languages import SUPPORTED, resolve_language

DIRECTIONS = {"th": "ltr", "fa": "rtl", "en": "ltr"}


def reader_languages(language: str | None = None) -> list[str]:
    """The site's languages in the order a reader fills them in: theirs, English, the rest."""
    first = resolve_language(language)
    return list(dict.fromkeys((first, "en", *SUPPORTED)))


def per_language_order(prefix: str, language: str | None = None) -> list[str]:
    """`name` → ["name_fa", "name_en", "name_th"] for a Persian reader."""
    return [f"{prefix}_{code}" for code in reader_languages(language)]


def mark_language_inputs(fields: dict[str, Any], prefix: str) -> None:
    """Give `<prefix>_<code>` inputs their language and direction (`lang="fa" dir="rtl"`)."""
    for code in SUPPORTED:
        field = fields.get(f"{prefix}_{code}")
        if field is not None:
            field.widget.attrs.update({"lang": code, "dir": DIRECTIONS[code]})


def mark_latin_inputs(fields: dict[str, Any], names: Iterable[str]) -> None:
    """Codes, usernames, emails and URLs are written in Latin script, left to right."""
    for name in names:
        if name in fields:
            fields[name].widget.attrs["dir"] = "ltr"
