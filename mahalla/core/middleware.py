from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

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


# Pages that show a secret (an API token, a password form): no cache may keep them at all.
NO_STORE_VIEWS = {
    "account",
    "api_token_rotate",
    "api:token",
    "password_change",
    "password_change_done",
    "password_reset_confirm",
}


class PrivatePagesMiddleware:
    """What a signed-in person is shown is theirs: shared caches must not keep or serve it.

    Every response to a signed-in user is `Cache-Control: private` and varies on the cookie;
    account and token pages are `no-store` for everyone, signed in or not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in NO_STORE_VIEWS:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            patch_vary_headers(response, ("Cookie",))
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response
