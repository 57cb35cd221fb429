from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from mahalla.core.i18n.timezones import reader_time_zone

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser's wish.

    Runs after authentication; LocaleMiddleware has already chosen for anonymous visitors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language in _SUPPORTED:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Times are shown in the reader's zone: the one on their account, else their language's.

    Runs after UserLanguageMiddleware, so the language default follows the language the
    page is shown in (an anonymous Thai visitor reads Bangkok time).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = getattr(user, "time_zone", "") if user and user.is_authenticated else ""
        zone = reader_time_zone(chosen, translation.get_language())
        timezone.activate(zone)
        request.time_zone = zone
        try:
            return self.get_response(request)
        finally:
            # The zone is per request; the next request on this thread chooses again.
            timezone.deactivate()
