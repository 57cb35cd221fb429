"""Message codes that survey jobs and checks store (rendered in the reader's language later)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

register(
    {
        "surveys.parse_failed": _("The submission could not be read: %(reason)s"),
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

# --- webforms: PLACEHOLDER intake (mahalla/surveys/openrosa/intake.py on the web-forms branch);
# the lead drops these with the placeholder when the real intake is merged.
register(
    {
        "surveys.intake_bad_xml": _("The submission is not readable XML."),
        "surveys.intake_unknown_form": _("No form has the ID %(form)s."),
        "surveys.intake_not_published": _("The form %(form)s is not published."),
        "surveys.intake_campaign_closed": _(
            "This campaign is closed: it takes no more submissions."
        ),
        "surveys.intake_no_instance_id": _("The submission has no instanceID."),
        "surveys.intake_duplicate": _("This submission had already arrived."),
        "surveys.intake_conflict": _(
            "A different submission with the same instanceID has already arrived."
        ),
        "surveys.intake_received": _("Submission received."),
    }
)
