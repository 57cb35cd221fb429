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

# --- forms: XLSForm upload problems (pyxform's own text is kept as "detail" beside them) ---
register(
    {
        "surveys.xlsform.at_row": _("Sheet %(sheet)s, row %(row)s: %(reason)s"),
        "surveys.xlsform.at_sheet": _("Sheet %(sheet)s: %(reason)s"),
        "surveys.xlsform.in_form": "%(reason)s",
        "surveys.xlsform.unknown_type": _(
            "the question type %(value)s is not one XLSForm knows. Check its spelling."
        ),
        "surveys.xlsform.unclosed": _(
            "this %(kind)s is opened (begin) but never closed: add its end row."
        ),
        "surveys.xlsform.unopened": _(
            "this row closes a %(kind)s (end) that was never opened: add its begin row or "
            "remove this one."
        ),
        "surveys.xlsform.duplicate_name": _(
            "the name %(value)s is used twice in the same group. Each question needs its own name."
        ),
        "surveys.xlsform.bad_name": _(
            "this name is not allowed: a name starts with a letter or an underscore and holds "
            "only letters, digits, underscores, hyphens and dots (no spaces)."
        ),
        "surveys.xlsform.missing_list": _("the choice list %(value)s is not on the choices sheet."),
        "surveys.xlsform.no_choices_sheet": _(
            "the form has select questions but no choices sheet (with the columns list_name, "
            "name and label)."
        ),
        "surveys.xlsform.bad_reference": _(
            "the %(column)s column refers to ${%(value)s}, but no question has that name."
        ),
        "surveys.xlsform.missing_label": _(
            "the question %(value)s has no label (and no hint): people would not know what "
            "to answer."
        ),
        "surveys.xlsform.no_survey_sheet": _("The workbook has no sheet named survey."),
        "surveys.xlsform.missing_column": _("the required column %(column)s is missing."),
        "surveys.xlsform.missing_calculation": _("this calculate row has no calculation."),
        "surveys.xlsform.duplicate_column": _("the column %(column)s appears twice."),
        "surveys.xlsform.other": _(
            "the form could not be converted (pyxform's explanation is below)."
        ),
        "surveys.xlsform.too_large": _(
            "The file is too large: an XLSForm may be at most %(limit)s bytes."
        ),
        "surveys.xlsform.too_many_rows": _(
            "The sheet %(sheet)s has more than %(limit)s rows, more than a form may have."
        ),
        "surveys.xlsform.unreadable": _(
            "The file could not be opened as a spreadsheet. Save it again as .xlsx and upload "
            "it again."
        ),
        "surveys.xlsform.not_a_workbook": _("%(name)s is not an Excel workbook (.xlsx or .xls)."),
        "surveys.xlsform.encrypted": _(
            "This form asks for encrypted submissions (submission_url or public_key on the "
            "settings sheet). mahalla does not accept encrypted forms: reviewers could not "
            "read the answers. Remove these settings and upload it again."
        ),
        "surveys.xlsform.version_formula": _(
            "The version cell holds the formula %(formula)s, whose value was never computed: "
            "the version was set to %(version)s, the time of the upload."
        ),
        "surveys.xlsform.version_missing": _(
            "The settings sheet gives no version: the version was set to %(version)s, the "
            "time of the upload."
        ),
        "surveys.xlsform.version_used": _(
            "Version %(version)s of this form exists already. Change the version on the "
            "settings sheet and upload again."
        ),
        "surveys.xlsform.form_id_taken": _(
            "The form ID %(form_id)s is used by a form you may not manage. Choose another "
            "form_id on the settings sheet."
        ),
        "surveys.xlsform.area_out_of_scope": _("You may not manage survey forms of this area."),
        "surveys.xlsform.form_id_differs": _(
            "This file is the form %(form_id)s, not %(expected)s. Upload it as a new form, or "
            "fix form_id on the settings sheet."
        ),
        "surveys.xlsform.bad_form_id": _(
            "The form ID %(form_id)s may hold only letters, digits, underscores, hyphens and "
            "dots, and at most 100 characters."
        ),
        "surveys.xlsform.type_changed": _(
            "The question %(name)s (%(path)s) was of type %(old)s in version %(version)s and "
            "is %(new)s now. A question's type cannot change between versions: give the "
            "question a new name instead."
        ),
        "surveys.xlsform.warn_missing_translation": _(
            "the language %(language)s has no %(column)s column: those texts will show in "
            "the default language."
        ),
        "surveys.xlsform.warn_max_pixels": _(
            "photos are sent at full size: a max-pixels parameter makes them smaller and "
            "faster to send."
        ),
        "surveys.xlsform.warn_language_codes": _(
            "the languages %(languages)s are not written with a code, as in Thai (th): "
            "phones may not match them to their language."
        ),
        "surveys.xlsform.warn_other": _("pyxform has a warning (below)."),
        "surveys.media.version_locked": _(
            "Version %(version)s is published: its files can no longer change. Upload a new "
            "version of the form instead."
        ),
        "surveys.media.unknown_name": _(
            "The form does not name a file called %(name)s. Expected: %(expected)s."
        ),
        "surveys.media.too_large": _("The file is too large: at most %(limit)s bytes."),
        "surveys.media.empty": _("The file is empty."),
        "surveys.publish.not_draft": _(
            "Version %(version)s is not a draft: it cannot be published again."
        ),
        "surveys.publish.missing_media": _("Upload the missing files first: %(names)s."),
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

# --- webforms: the web-form submission endpoint
register(
    {
        "surveys.webform_no_xml": _("The form arrived without its XML file."),
        "surveys.webform_other_form": _(
            "This page sends one form only; the XML is for the form %(form)s."
        ),
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

# --- openrosa: answers to ODK Collect and the web form, in the sender's language ---
register(
    {
        "surveys.openrosa.received": _("Your submission was received. Thank you!"),
        "surveys.openrosa.duplicate": _(
            "This submission was already received; nothing was changed."
        ),
        "surveys.openrosa.attachments_merged": _(
            "The remaining files of this submission were received."
        ),
        "surveys.openrosa.edit_received": _("Your edit of this submission was received."),
        "surveys.openrosa.conflict": _(
            "A different submission with the same instance ID (%(instance_id)s) was already "
            "received. Files can be added to a submission only by sending its XML unchanged."
        ),
        "surveys.openrosa.edit_not_current": _(
            "This edit is based on an older version of the submission (%(instance_id)s): "
            "someone else edited it in between. Download it again and redo the edit."
        ),
        "surveys.openrosa.edit_unknown": _(
            "The submission this edit replaces (%(instance_id)s) was never received."
        ),
        "surveys.openrosa.unknown_form": _(
            "There is no form with the ID %(form_id)s that you may send submissions to."
        ),
        "surveys.openrosa.version_not_published": _(
            "Version %(version)s of the form %(form_id)s is not published. Get the current "
            "version of the form on your device and fill it in again."
        ),
        "surveys.openrosa.not_accepting": _("The form %(form_id)s no longer accepts submissions."),
        "surveys.openrosa.not_in_campaign": _(
            "The form %(form_id)s is not part of the campaign %(campaign)s."
        ),
        "surveys.openrosa.malformed": _(
            "The submission is not well-formed XML (the error is on line %(line)s)."
        ),
        "surveys.openrosa.dtd_forbidden": _(
            "The submission declares a document type (DTD), which is not accepted."
        ),
        "surveys.openrosa.missing_form_id": _(
            "The submission does not say which form it is for (the id attribute of its first "
            "element)."
        ),
        "surveys.openrosa.missing_instance_id": _(
            "The submission has no instance ID (meta/instanceID)."
        ),
        "surveys.openrosa.no_xml": _(
            "The request has no xml_submission_file part: the submission itself is missing."
        ),
        "surveys.openrosa.not_multipart": _("A submission must be sent as multipart/form-data."),
        "surveys.openrosa.truncated": _(
            "The submission arrived incomplete (the connection may have dropped). Send it again."
        ),
        "surveys.openrosa.too_large": _(
            "The submission is larger than the limit of %(limit)s MB. Send it with smaller "
            "or fewer files."
        ),
        "surveys.openrosa.xml_too_large": _(
            "The submission's XML is larger than the limit of %(limit)s MB."
        ),
        "surveys.openrosa.no_permission": _("You may not send submissions to this form."),
        "surveys.openrosa.sign_in": _(
            "Sign in with your mahalla username and password to use this server."
        ),
        "surveys.openrosa.https_only": _(
            "Passwords are not accepted over an unencrypted connection: use the server's "
            "https:// address."
        ),
        "surveys.openrosa.token_revoked": _(
            "This device's access was revoked. Ask your coordinator for a new QR code."
        ),
        "surveys.openrosa.not_found": _("Not found."),
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
        "surveys.import_missing_key": _(
            "This row has no value in the column that says which rows belong together."
        ),
        "surveys.import_group_conflict": _(
            "This row's answer differs from the one in row %(first)s for the same key "
            "%(key)s; a submission's own answers must agree on all its rows (or be left empty)."
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
        "surveys.import_not_approved": _(
            "Submission %(instance_id)s was written but could not be approved: open it to see "
            "why, correct it and approve it there."
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
