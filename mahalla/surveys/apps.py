from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "mahalla.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from mahalla.surveys import job_messages, scope_rules  # noqa: F401 - registrations

        scope_rules.register()
        # --- submissions ---
        from mahalla.places.signals import boundaries_changed
        from mahalla.surveys.submissions import jobs as submission_jobs
        from mahalla.surveys.webforms import checks  # noqa: F401 - the island's system check

        boundaries_changed.connect(
            submission_jobs.boundaries_changed, dispatch_uid="surveys.reassign_submissions"
        )
