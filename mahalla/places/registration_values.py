"""Reading a community's registration status from a column of a boundary file. Pure.

Files say it in many ways: registered/unregistered, yes/no, 1/0, true/false, Thai
จดทะเบียน/ไม่จดทะเบียน, Persian ثبت‌شده/ثبت‌نشده. Values are folded as search text is (ZWNJ,
Arabic letter forms, digits, case) and spaces dropped, so "ثبت شده", "ثبت‌شده" and "ثبتشده"
are one value.
"""

from __future__ import annotations

from mahalla.core.i18n.text import normalize_search

REGISTERED = "registered"
UNREGISTERED = "unregistered"

_WORDS = {
    REGISTERED: [
        "registered", "yes", "y", "true", "t", "1", "reg",
        "จดทะเบียน", "จดทะเบียนแล้ว", "ใช่", "มี",
        "ثبت‌شده", "ثبت", "بله", "آری", "رسمی",
    ],
    UNREGISTERED: [
        "unregistered", "not registered", "no", "n", "false", "f", "0", "unreg",
        "ไม่จดทะเบียน", "ยังไม่จดทะเบียน", "ยังไม่ได้จดทะเบียน", "ไม่ได้จดทะเบียน", "ไม่ใช่", "ไม่มี",
        "ثبت‌نشده", "خیر", "نه", "غیررسمی",
    ],
}  # fmt: skip


def _key(text: str) -> str:
    return normalize_search(text).replace(" ", "").replace("-", "").replace("_", "")


_LOOKUP = {_key(word): value for value, words in _WORDS.items() for word in words}


def registration_value(text: str) -> str | None:
    """REGISTERED, UNREGISTERED, "" for an empty value, or None for one not understood."""
    if not text.strip():
        return ""
    return _LOOKUP.get(_key(text))


def registration_for(text: str | None, *, current: str | None) -> tuple[str, str | None]:
    """(the registration to store, the code of the flag to report or None) for a community.

    `text` is None when no column is mapped; `current` is None for a new community. A new
    community is not registered unless the file says so; an existing one keeps its status
    unless the file says otherwise. A value not understood is flagged, never guessed.
    """
    fallback = UNREGISTERED if current is None else current
    if text is None:
        return fallback, None
    value = registration_value(text)
    if value is None:
        code = (
            "places.registration_unknown_new"
            if current is None
            else ("places.registration_unknown_kept")
        )
        return fallback, code
    return value or fallback, None
