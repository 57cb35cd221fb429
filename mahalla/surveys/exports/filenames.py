"""Download file names: safe ASCII for every browser, plus RFC 5987 `filename*` in UTF-8."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.utils import timezone

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_ANY = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')
EXTENSIONS = {"csvzip": "csv.zip", "xlsx": "xlsx", "geojson": "geojson"}


def export_names(form_id: str, title: str, fmt: str, when=None) -> tuple[str, str]:
    """(ASCII name, UTF-8 name), e.g. ("household-20260101-1200.csv.zip", "แบบ-….csv.zip")."""
    stamp = timezone.localtime(when or timezone.now()).strftime("%Y%m%d-%H%M")
    extension = EXTENSIONS[fmt]
    ascii_stem = _UNSAFE_ASCII.sub("_", form_id).strip("._") or "export"
    stem = unicode_stem(title) or ascii_stem
    return f"{ascii_stem}-{stamp}.{extension}", f"{stem}-{stamp}.{extension}"


def unicode_stem(title: str) -> str:
    """`title` without the characters file systems refuse, for a download's UTF-8 name."""
    return _UNSAFE_ANY.sub("_", title).strip(" ._")


def content_disposition(ascii_name: str, unicode_name: str) -> str:
    header = f'attachment; filename="{ascii_name}"'
    if unicode_name != ascii_name:
        header += f"; filename*=UTF-8''{quote(unicode_name, safe='')}"
    return header
