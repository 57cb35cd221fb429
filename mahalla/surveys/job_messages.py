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

# --- imports ---
register(
    {
        "surveys.import_unknown_kind": _(
            "This kind of file cannot be imported: upload an ODK Central csv.zip, a "
            "KoboToolbox XLSX export, or a CSV or XLSX table."
        ),
        "surveys.import_unreadable": _("The file could not be read (%(reason)s)."),
        "surveys.import_no_main_table": _(
            "The zip file holds no table of submissions (a CSV file with a KEY column)."
        ),
        "surveys.import_no_rows": _("The file holds no rows."),
        "surveys.import_too_many_repeat_rows": _(
            "The file holds %(count)s repeat rows; at most %(limit)s can be imported at once."
        ),
        "surveys.import_no_instance_id": _(
            "No column holds the instance ID of the submissions (%(column)s)."
        ),
        "surveys.import_missing_id": _("This row has no instance ID."),
        "surveys.import_duplicate_id": _(
            "The instance ID %(id)s appears twice in the file (first in row %(first)s)."
        ),
        "surveys.import_orphan_repeat": _(
            "This repeat row belongs to %(key)s, which matches no row of the submissions."
        ),
        "surveys.import_unknown_repeat": _(
            "This table matches no repeat of the form; its rows were not imported."
        ),
        "surveys.import_not_integer": _("“%(value)s” is not a whole number (%(question)s)."),
        "surveys.import_not_number": _("“%(value)s” is not a number (%(question)s)."),
        "surveys.import_unknown_choice": _(
            "“%(value)s” is not a choice of %(question)s (the choices are: %(choices)s)."
        ),
        "surveys.import_bad_point": _(
            "“%(value)s” is not a location (latitude and longitude) (%(question)s)."
        ),
        "surveys.import_point_outside": _(
            "The location %(point)s lies outside %(area)s (%(question)s)."
        ),
        "surveys.import_point_swapped": _(
            "The location “%(value)s” lies outside %(area)s, but inside it with latitude and "
            "longitude swapped: the two are probably the wrong way round (%(question)s)."
        ),
        "surveys.import_bad_rows": _(
            "%(count)s rows have problems, so nothing was written. Correct the file and upload "
            "it again, or choose to skip the rows with problems."
        ),
        "surveys.import_nothing_new": _(
            "Every submission of the file is already stored; nothing was written."
        ),
        "surveys.import_more_problems": _("… and %(count)s more problems."),
    }
)
