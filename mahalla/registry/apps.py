from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "mahalla.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from mahalla.registry import follow_up, scope_rules
        from mahalla.registry.ingest import hook
        from mahalla.registry.reports import jobs  # noqa: F401 - registers its message codes

        scope_rules.register()
        hook.register()
        follow_up.register()
