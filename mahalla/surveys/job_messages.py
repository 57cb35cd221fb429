"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
    }
)

register(
    {
        "surveys.export_too_many": _(
            "This export holds %(count)s submissions, more than the %(limit)s one export may "
            "hold. Narrow it with the filters (a campaign, an area or dates)."
        ),
        "surveys.export_attachments_too_big": _(
            "The attachments of this export add up to %(size)s MB, more than the %(limit)s MB "
            "one export may hold. Leave the attachments out or narrow the filters."
        ),
        "surveys.export_expired": _(
            "The file of this export was deleted after %(days)s days. Run the export again."
        ),
    }
)
