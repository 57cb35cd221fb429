"""Text normalisation for search and matching.

`normalize_search` folds stored search text and the user's query the same way, so that
spelling variants match. It is a matching key, never shown to users. Decisions:

- NFKC first: Arabic presentation forms, full-width Latin and digits, and the Thai
  SARA AM (ำ, typed either as one key or as ํ + า) all reach one spelling.
- Arabic letters to their Persian forms: ي ى ئ → ی, ك ڪ → ک, and ة ۀ ە → ه (Iranians
  write the ezafe ۀ as هٔ or plain ه, and Arabic loanwords' ة as ه).
- Combining marks are dropped (harakat, hamza above, Latin accents: é → e), except Thai
  vowel and tone marks, which tell different words apart (มี / ม).
- Thai typing slips: a tone mark typed before its vowel mark is put after it, a repeated
  mark is kept once, and เเ (two SARA E) becomes แ (SARA AE).
- ZWNJ, ZWJ, zero-width space, word joiner, soft hyphen, tatweel (ـ) and bidi controls
  are removed; Persian, Arabic-Indic and Thai digits become ASCII; Latin is case-folded.
- Whitespace collapses to single spaces, and whitespace *between two Thai characters* is
  removed: Thai is written without spaces between words and people space it
  inconsistently, so "ชุมชน ริมคลอง" and "ชุมชนริมคลอง" fold to the same key.
"""

from __future__ import annotations

import re
import unicodedata

from mahalla.core.i18n.digits import to_ascii_digits

_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",  # NFD splits it into ي + hamza; mapped here too for safety
        "ك": "ک",
        "ڪ": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",  # what NFD leaves of ۀ once the hamza is dropped
    }
)
_TATWEEL = "\u0640"
_THAI = "\u0e00-\u0e7f"
_THAI_MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_THAI_TONE_BEFORE_VOWEL = re.compile("([\u0e48-\u0e4b])([\u0e31\u0e34-\u0e3a\u0e4d])")
_THAI_REPEATED_MARK = re.compile(f"([{_THAI_MARK}])\\1+")
_SPACE_BETWEEN_THAI = re.compile(f"(?<=[{_THAI}])\\s+(?=[{_THAI}])")


def _fold_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "  # control characters (tab, newline, NUL...) separate words at most
    if category == "Cf" or ch == _TATWEEL:
        return ""  # ZWNJ, ZWJ, zero-width space, soft hyphen, bidi controls, BOM
    if category == "Mn" and not ("\u0e00" <= ch <= "\u0e7f"):
        return ""
    return ch


class _FoldTable(dict):
    """`_fold_char` for `str.translate`, each character worked out once: the table fills as
    text is folded, and translate then runs in C (a household list folds 200,000 names)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def normalize_search(text: str) -> str:
    """Fold text so that spelling variants match (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = unicodedata.normalize("NFD", text).translate(_FOLD)
    text = text.translate(_LETTERS)
    text = text.replace("เเ", "แ")
    text = _THAI_TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    text = _THAI_REPEATED_MARK.sub(r"\1", text)
    text = to_ascii_digits(text).casefold()
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _SPACE_BETWEEN_THAI.sub("", text)
