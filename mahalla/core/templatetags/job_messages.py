"""`{{ job.failure|job_message }}`: a message a job stored, in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from mahalla.core.jobs.messages import render

register = template.Library()


@register.filter
def job_message(value: Any, map_url: str = "") -> SafeString:
    """Render a stored message; `map_url` turns the spots it names into links to that map."""
    return render(value, map_url=map_url or None)
