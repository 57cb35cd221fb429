"""Sentences with names in them, for flash messages.

A name in another script than the sentence (a Persian name in a Thai message, an English
organisation name in a Persian one) reorders the words and punctuation around it unless it
is isolated. `with_names` escapes each name and wraps it in `<bdi>`, as the `|bidi` template
filter does for pages; the message is marked safe and Django's message storage keeps that.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def with_names(template: str, **names: Any) -> SafeString:
    """`with_names(_("%(name)s was added."), name=area.name)` → escaped, isolated names."""
    isolated = {key: format_html("<bdi>{}</bdi>", value) for key, value in names.items()}
    # The template is ours (a translation) but is escaped too: only the <bdi> are markup.
    return mark_safe(conditional_escape(str(template)) % isolated)  # noqa: S308
