from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "mahalla.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from mahalla.governance import notices, scope_rules

        scope_rules.register()
        notices.register()
