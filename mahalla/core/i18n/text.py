"""Text normalisation for search and matching."""

from __future__ import annotations

import unicodedata

_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})


def normalize_search(text: str) -> str:
    """Fold text so that spelling variants match (see tests for the cases covered)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(_ARABIC_TO_PERSIAN)
    text = text.replace("\u200c", "").replace("\u200d", "")
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(text.casefold().split())
