"""URLs of survey campaigns (joined into mahalla.surveys.urls)."""

from __future__ import annotations

urlpatterns: list = []
