from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

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
