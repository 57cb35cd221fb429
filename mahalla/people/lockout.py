"""Login lockout (django-axes) and the answer a locked-out person gets, in their language.

Failures are counted per username and client address together (settings.py explains why);
the web login, the admin login and the API token endpoint all count, because all of them
call `authenticate(request=...)`. See docs/decisions/0004-login-lockout.md.
"""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

from mahalla.core.i18n.digits import format_number

LOCKED_OUT_STATUS = 429


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before any password is checked.

    A call without a request comes from code (a management command, a test client's
    `login()`), not from the network, so there is nothing to count: it passes through to the
    next backend instead of failing as django-axes' own backend does. Every login that
    arrives over HTTP (login page, admin, API token) passes its request.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_address(request: HttpRequest) -> str | None:
    """The client's address, behind `REST_FRAMEWORK["NUM_PROXIES"]` proxies, as DRF's
    throttles compute it: the lockout and the token throttle agree on who is asking."""
    return BaseThrottle().get_ident(request) or None


def cool_off_minutes(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_message(minutes: int) -> str:
    """The sentence shown to a locked-out person, with the minutes in their digits."""
    return ngettext(
        "Too many failed logins for this username from your connection. "
        "Try again in %(minutes)s minute.",
        "Too many failed logins for this username from your connection. "
        "Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": format_number(minutes)}


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a page in our layout, or JSON for the API, status 429."""
    minutes = cool_off_minutes(request)
    message = lockout_message(minutes)
    if _wants_json(request):
        response: HttpResponse = JsonResponse({"detail": message}, status=LOCKED_OUT_STATUS)
    else:
        response = render(
            request,
            "registration/locked_out.html",
            {"message": message},
            status=LOCKED_OUT_STATUS,
        )
    response["Retry-After"] = str(minutes * 60)
    return response
