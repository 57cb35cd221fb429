from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from mahalla.core.jobs.messages import render

register = template.Library()


@register.filter
def notice_message(notice) -> SafeString:
    """A notice in the reader's language (it was stored as a code and parameters)."""
    return render({"code": notice.code, "params": notice.params})
