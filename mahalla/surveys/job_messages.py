"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
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
