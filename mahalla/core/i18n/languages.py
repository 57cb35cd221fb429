"""Which of the site's languages a helper should use."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

SUPPORTED = ("th", "fa", "en")
FALLBACK = "en"


def _base(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def resolve_language(language: str | None = None) -> str:
    """Return "th", "fa" or "en" for `language`, or for the active language when None/"".

    Regional variants fold to their base ("fa-IR" → "fa"). An unsupported explicit language
    gives English; with none given, the active language, then the site default, then
    English, so a helper never fails because of a language code.
    """
    if language:
        base = _base(language)
        return base if base in SUPPORTED else FALLBACK
    for candidate in (translation.get_language(), settings.LANGUAGE_CODE):
        if candidate and _base(candidate) in SUPPORTED:
            return _base(candidate)
    return FALLBACK
