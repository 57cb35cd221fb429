"""Template filters for the user's calendar and digits (filled in by core.i18n)."""

from __future__ import annotations

from django import template

register = template.Library()
