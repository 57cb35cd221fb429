"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
    }
)

# --- campaigns ---
register(
    {
        "surveys.campaign_closed": _("The campaign %(campaign)s is closed: it takes no more data."),
        "surveys.campaign_ended": _(
            "The campaign %(campaign)s ended on %(date)s: it takes no more data."
        ),
        "surveys.campaign_not_started": _(
            "The campaign %(campaign)s starts on %(date)s: send the data from then on."
        ),
        "surveys.campaign_not_open": _(
            "The campaign %(campaign)s is planned but not open yet: it takes no data yet."
        ),
        "surveys.target_csv_unreadable": _(
            "The file could not be read as a CSV table. Save it as CSV (comma-separated) and "
            "upload it again."
        ),
        "surveys.target_csv_no_columns": _(
            "The file needs a column with the area's code or name and a column with the "
            "expected number (for example: code, expected)."
        ),
        "surveys.target_csv_empty": _("The file has no rows beneath its header."),
        "surveys.target_csv_too_many": _("The file has more than %(limit)s rows."),
        "surveys.target_csv_too_big": _("The file is larger than %(megabytes)s MB."),
        "surveys.target_row_no_area": _("Row %(row)s: neither a code nor a name is given."),
        "surveys.target_row_unknown": _(
            "Row %(row)s: no area %(value)s was found in the campaign's area."
        ),
        "surveys.target_row_ambiguous": _(
            "Row %(row)s: %(count)s areas in the campaign's area are called %(value)s; "
            "give the code instead."
        ),
        "surveys.target_row_bad_number": _(
            "Row %(row)s: %(value)s is not a whole number of expected submissions."
        ),
        "surveys.target_row_repeated": _(
            "Row %(row)s: the area %(area)s is already given in row %(first)s."
        ),
    }
)
