"""Who is calling an OpenRosa endpoint: an app user (token in the path) or a signed-in person.

Signed-in people authenticate with HTTP Basic over HTTPS, as ODK Central does (Digest needs
a password-equivalent secret stored per user; Django keeps only salted hashes). Basic over
plain HTTP is refused unless DEBUG or OPENROSA_ALLOW_BASIC_OVER_HTTP. Failed attempts count
towards the django-axes lockout like any other login. A browser session is accepted for
reading (form list and downloads) but never for sending: a submission needs Basic
credentials or a token, so the CSRF exemption opens nothing to other sites.
See docs/decisions/0007-openrosa-access.md.
"""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from mahalla.core.jobs.messages import message
from mahalla.people.lockout import cool_off_minutes, lockout_message
from mahalla.surveys.models import AppUser
from mahalla.surveys.openrosa import prepared
from mahalla.surveys.openrosa.responses import message_response

REALM = "mahalla"
SUPPORTED = {code for code, _name in settings.LANGUAGES}


def challenge(code: str = "surveys.openrosa.sign_in") -> HttpResponse:
    response = message_response(401, message(code))
    response["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response


def app_user_for(request: HttpRequest, token: str) -> AppUser | HttpResponse:
    """The active app user of `token`, speaking its campaign's language, or a refusal."""
    # On PostgreSQL a prepared statement (the hot path of every phone's submission).
    app_user = prepared.app_user(token) if token and prepared.available() else _app_user_orm(token)
    return check_app_user(request, app_user) or app_user


def check_app_user(request: HttpRequest, app_user: AppUser | None) -> HttpResponse | None:
    """The refusal for a token's app user (unknown: 404, revoked: 403), or None; either way
    the request then speaks the campaign's language."""
    if app_user is None:
        return message_response(404, message("surveys.openrosa.not_found"))
    _campaign_language(request, app_user)
    if not app_user.is_active:
        return message_response(403, message("surveys.openrosa.token_revoked"))
    return None


def _app_user_orm(token: str) -> AppUser | None:
    return (
        AppUser.objects.select_related("campaign__area")
        .defer("campaign__area__geometry", "campaign__area__search_text")
        .filter(token=token)
        .order_by()
        .first()
        if token
        else None
    )


def _campaign_language(request: HttpRequest, app_user: AppUser) -> None:
    area = app_user.campaign.area
    campaign_language(request, name_th=area.name_th, name_fa=area.name_fa)


def campaign_language(request: HttpRequest, *, name_th: str, name_fa: str) -> None:
    """App users have no account: the device's Accept-Language decides (LocaleMiddleware);
    without one, the language the campaign's area is named in (Thai or Persian)."""
    if request.META.get("HTTP_ACCEPT_LANGUAGE") or request.COOKIES.get(
        settings.LANGUAGE_COOKIE_NAME
    ):
        return
    names = {"th": name_th or "", "fa": name_fa or ""}
    for code in ("fa", "th"):
        if names[code] and code in SUPPORTED:
            other = "th" if code == "fa" else "fa"
            if not names[other]:
                translation.activate(code)
                request.LANGUAGE_CODE = code
                return


def signed_in_user(request: HttpRequest, *, sending: bool):
    """The person behind Basic credentials (or a session, when only reading), or a refusal."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:6].lower() != "basic ":
        user = getattr(request, "user", None)
        if not sending and user is not None and user.is_authenticated:
            return user
        return challenge()
    if not (request.is_secure() or settings.DEBUG or settings.OPENROSA_ALLOW_BASIC_OVER_HTTP):
        return message_response(403, message("surveys.openrosa.https_only"))
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        username, password = decoded.split(":", 1)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return challenge()
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        # Answer in OpenRosa's form; the flag is cleared so AxesMiddleware keeps our answer.
        request.axes_locked_out = False
        minutes = cool_off_minutes(request)
        response = message_response(429, lockout_message(minutes))
        response["Retry-After"] = str(minutes * 60)
        return response
    if user is None or not user.is_active:
        return challenge()
    language = getattr(user, "language", "")
    if language in SUPPORTED:
        translation.activate(language)
        request.LANGUAGE_CODE = language
    return user
