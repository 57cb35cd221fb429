from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "mahalla.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from mahalla.core.jobs import schedule
        from mahalla.governance import notices, scope_rules

        scope_rules.register()
        notices.register()
        schedule.register("governance.escalation", _daily_escalation)


def _daily_escalation() -> None:
    from mahalla.governance.services.escalation import run_if_due

    run_if_due()
