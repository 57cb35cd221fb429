"""Signing in to the API: the token endpoint and its throttle."""

from __future__ import annotations

import math

from django.core.cache import caches
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from mahalla.core.i18n.digits import format_number
from mahalla.people import services


class TokenObtainThrottle(SimpleRateThrottle):
    """Requests to the token endpoint per client address (`DEFAULT_THROTTLE_RATES["token"]`).

    The lockout stops guessing one username's password; this stops one address from trying
    a few passwords on many usernames. Counters are in the database cache, shared by every
    server process.
    """

    scope = "token"
    cache = caches["throttle"]

    def get_cache_key(self, request: Request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottled(exceptions.Throttled):
    """DRF's 429 with one translated sentence (DRF's own adds an untranslated second one)."""

    def __init__(self, wait: float | None) -> None:
        seconds = max(1, math.ceil(wait or 1))
        detail = ngettext(
            "Too many token requests from your connection. Try again in %(seconds)s second.",
            "Too many token requests from your connection. Try again in %(seconds)s seconds.",
            seconds,
        ) % {"seconds": format_number(seconds)}
        super().__init__(wait=None, detail=detail)
        self.wait = seconds  # DRF sends it as the Retry-After header


_TokenOut = inline_serializer("TokenResponse", {"token": serializers.CharField()})
_Detail = inline_serializer("TokenError", {"detail": serializers.CharField()})


class TokenObtainView(ObtainAuthToken):
    """Exchange a username and password for an API token.

    Failed attempts count towards the same lockout as the login page; a locked-out
    username and address gets 429 until the cool-off ends.
    """

    throttle_classes = [TokenObtainThrottle]

    def get_serializer_context(self) -> dict:
        # django-axes flags Django's request, not DRF's wrapper around it, and its middleware
        # turns that flag into the lockout answer: authenticate() must get the inner request.
        return {**super().get_serializer_context(), "request": self.request._request}

    def throttled(self, request: Request, wait: float | None) -> None:
        raise TokenThrottled(wait)

    @extend_schema(
        summary="Get an API token",
        responses={
            200: _TokenOut,
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(_Detail, description="Too many attempts; try again later."),
        },
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = services.api_token_for_login(user=serializer.validated_data["user"])
        return Response({"token": token.key})


token_obtain = TokenObtainView.as_view()
