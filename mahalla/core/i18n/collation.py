"""Sorting by each language's rules (ICU collation), not by code point.

Code-point order puts Thai words starting with a leading vowel (เ แ โ ใ ไ) after every
consonant, and Persian letters پ چ ژ گ after the whole Arabic alphabet; ICU's th and fa
collations order them as dictionaries do. Numeric ordering (the `kn` option) is on, so
"District 6" comes before "District 12" in every script's digits, as it does in SQL
(`mahalla.core.db`), and a list sorted here agrees with one paged by the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import icu

from mahalla.core.i18n.languages import resolve_language

T = TypeVar("T")
_local = threading.local()  # one collator per language per thread: ICU objects are not shared


# ICU locale of each site language's collation; `kn` turns on numeric ordering. The same
# strings create the PostgreSQL collations (core migration 0003).
ICU_LOCALES = {"th": "th-u-kn-true", "fa": "fa-u-kn-true", "en": "en-u-kn-true"}


def new_collator(language: str) -> icu.Collator:
    """A fresh collator for "th", "fa" or "en", numeric ordering on. Not thread-safe."""
    return icu.Collator.createInstance(icu.Locale(ICU_LOCALES[resolve_language(language)]))


def collator(language: str) -> icu.Collator:
    """This thread's collator for a resolved language code ("th", "fa" or "en")."""
    collators = _local.__dict__.setdefault("collators", {})
    found = collators.get(language)
    if found is None:
        found = collators[language] = new_collator(language)
    return found


def sort_key(text: str | None, language: str | None = None) -> bytes:
    """A bytes key that orders text by the language's collation (None sorts like "")."""
    return collator(resolve_language(language)).getSortKey(text or "")


def sorted_localized(
    items: Iterable[T],
    key: Callable[[T], Any] | None = None,
    language: str | None = None,
    *,
    reverse: bool = False,
) -> list[T]:
    """`sorted()` by the language's collation of `key(item)` (default: str(item)).

    Stable, so equal names keep their previous order.
    """
    chosen = collator(resolve_language(language))
    get_text = key or str

    def item_key(item: T) -> bytes:
        text = get_text(item)
        return chosen.getSortKey("" if text is None else str(text))

    return sorted(items, key=item_key, reverse=reverse)
