from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "mahalla.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from mahalla.places import job_messages  # noqa: F401 - registers the message codes
