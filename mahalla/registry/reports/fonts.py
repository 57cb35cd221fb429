"""The fonts a report embeds, and the only files WeasyPrint may open.

The PDF must read the same on any machine, so it embeds the fonts the pages use (Sarabun for
Thai, Vazirmatn for Persian, from the npm packages set-up copies into static/vendor) rather
than whatever the server has installed. Each subset file is its own family, listed in the
order the language needs: Pango falls back per character along the list, so a Thai report
can quote a Persian name and the reverse.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

FACES = {
    "Sarabun Thai": "sarabun/sarabun-thai",
    "Sarabun Latin": "sarabun/sarabun-latin",
    "Vazirmatn Arabic": "vazirmatn/vazirmatn-arabic",
    "Vazirmatn Latin": "vazirmatn/vazirmatn-latin",
}
WEIGHTS = (400, 700)
FAMILIES = {
    "th": ("Sarabun Thai", "Sarabun Latin", "Vazirmatn Arabic"),
    "fa": ("Vazirmatn Arabic", "Vazirmatn Latin", "Sarabun Thai"),
    "en": ("Sarabun Latin", "Sarabun Thai", "Vazirmatn Arabic"),
}


class FontMissing(Exception):
    """A font file is not where set-up puts it (static/vendor or the collected static files)."""


def _path(name: str) -> Path:
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(staticfiles_storage.path(name))
    if collected.is_file():
        return collected
    raise FontMissing(name)


def font_files() -> dict[tuple[str, int], Path]:
    return {
        (family, weight): _path(f"vendor/fonts/{stem}-{weight}-normal.woff2")
        for family, stem in FACES.items()
        for weight in WEIGHTS
    }


def font_css(language: str) -> str:
    faces = [
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
        f"src: url('{path.as_uri()}'); }}"
        for (family, weight), path in font_files().items()
    ]
    families = ", ".join(f"'{f}'" for f in FAMILIES.get(language, FAMILIES["en"]))
    return "\n".join([*faces, f"html {{ font-family: {families}, sans-serif; }}"])


def allowed_urls() -> frozenset[str]:
    return frozenset(path.as_uri() for path in font_files().values())


def url_fetcher():
    """A fetcher that opens our font files and nothing else: no network, no other file a
    crafted name or stylesheet could point at."""
    from weasyprint.urls import URLFetcher

    allowed = allowed_urls()

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.split("?")[0] not in allowed:
                raise ValueError(f"not a report font: {url}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=("file",), allow_redirects=False)
