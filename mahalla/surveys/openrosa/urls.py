"""URLs of survey openrosa (joined into mahalla.surveys.urls)."""

from __future__ import annotations

urlpatterns: list = []
