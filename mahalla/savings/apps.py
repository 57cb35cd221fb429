from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SavingsConfig(AppConfig):
    name = "mahalla.savings"
    label = "savings"
    verbose_name = _("Savings and loans")

    def ready(self) -> None:
        from mahalla.savings import scope_rules

        scope_rules.register()
