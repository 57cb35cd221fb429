"""Language switching that follows a signed-in person from device to device."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import LANGUAGE_QUERY_PARAMETER
from django.views.i18n import set_language as django_set_language

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie and redirect), and the choice saved on the user."""
    response = django_set_language(request)
    language = request.POST.get(LANGUAGE_QUERY_PARAMETER, "")
    user = request.user
    if user.is_authenticated and language in _SUPPORTED and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
