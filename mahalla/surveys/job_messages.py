"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
    }
)

# --- submissions ---
register(
    {
        "surveys.parse_empty": _("The submission is empty: no XML was received."),
        "surveys.parse_malformed": _(
            "The submission's XML is broken near line %(line)s, column %(column)s. "
            "It is kept as received; ask the surveyor to send it again."
        ),
        "surveys.parse_doctype": _(
            "The submission's XML declares a document type, which forms never do. "
            "It was not read, for safety; it is kept as received."
        ),
        "surveys.parse_too_large": _(
            "The submission holds an answer too large to read. It is kept as received."
        ),
        "surveys.parse_no_form_version": _(
            "The form version of this submission is unknown, so its answers cannot be read."
        ),
        "surveys.reparse_done": _(
            "%(processed)s submissions read again: %(parsed)s read, %(failed)s could not be "
            "read, %(located)s placed in an area."
        ),
        "surveys.reassign_done": _(
            "%(processed)s submissions placed again: %(changed)s moved to another area."
        ),
        "surveys.job_nothing": _("There were no submissions to process."),
    }
)
