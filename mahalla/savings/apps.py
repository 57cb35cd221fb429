from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SavingsConfig(AppConfig):
    name = "mahalla.savings"
    label = "savings"
    verbose_name = _("Savings and loans")

    def ready(self) -> None:
        from mahalla.core.jobs import schedule
        from mahalla.savings import job_messages, scope_rules

        scope_rules.register()
        job_messages.register()
        schedule.register("savings.books_check", _nightly)


def _nightly() -> None:
    from mahalla.savings.services.nightly import run_if_due

    run_if_due()
