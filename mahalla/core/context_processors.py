from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        "BASEMAP_STYLE_URL": settings.BASEMAP_STYLE_URL,
        "SITE_LANGUAGES": settings.LANGUAGES,
    }
