"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
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
        "surveys.openrosa.campaign_closed": _(
            "The campaign %(campaign)s is closed and accepts no more submissions."
        ),
        "surveys.openrosa.campaign_not_started": _(
            "The campaign %(campaign)s has not started yet; it accepts no submissions before "
            "it opens."
        ),
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
