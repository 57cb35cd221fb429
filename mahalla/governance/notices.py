"""Message codes of governance notices and digests (rendered in the reader's language)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs import messages

CODES = {
    "governance.digest": _("What needs you on %(date)s"),
    "governance.digest.reminders": _(
        "%(count)s resolution(s) of your organisation are due within a few working days."
    ),
    "governance.digest.overdue": _(
        "%(count)s resolution(s) of a body you chair or are secretary of are now overdue."
    ),
    "governance.digest.parent": _(
        "%(count)s resolution(s) of a body under yours are still overdue and come to you."
    ),
    "governance.digest.minutes": _(
        "%(count)s meeting(s) you are secretary of have no minutes yet."
    ),
    "governance.report_posted": _("%(author)s reported on resolution %(number)s of %(body)s."),
    "governance.a_resident": _("A resident"),
    "governance.invitation": _("You are invited to a meeting of %(body)s on %(starts_at)s."),
}


def register() -> None:
    messages.register(CODES)
