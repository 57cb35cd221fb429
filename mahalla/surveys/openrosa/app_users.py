"""App users: device logins of a campaign (create, revoke) and the QR code that sets up Collect.

The QR code holds ODK Collect's settings JSON, zlib-compressed and base64-encoded, exactly as
ODK Central's frontend builds it (pako.deflate, then btoa) with error correction level L:
the server URL carries the token, forms match the server exactly and finished forms are
sent automatically, as Central's "managed" code does.
"""

from __future__ import annotations

import base64
import json
import secrets
import zlib

import segno
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mahalla.surveys.models import AppUser, Campaign

# Collect's project colour and icon (one character) on the device's project list.
PROJECT_COLOR = "#2f6f4f"


def new_token() -> str:
    """64 URL-safe characters, as Central's app-user tokens (48 random bytes)."""
    return secrets.token_urlsafe(48)[:64]


def app_user_create(*, campaign: Campaign, display_name: str, user=None) -> AppUser:
    return AppUser.objects.create(
        campaign=campaign, display_name=display_name.strip(), token=new_token(), created_by=user
    )


def app_user_revoke(*, app_user: AppUser, user=None) -> AppUser:
    """The token stops working at once; the row (and its submissions' link) stays."""
    with transaction.atomic():
        app_user = AppUser.objects.select_for_update().get(pk=app_user.pk)
        if app_user.revoked_at is None:
            app_user.revoked_at = timezone.now()
            app_user.revoked_by = user
            app_user.save(update_fields=["revoked_at", "revoked_by"])
    return app_user


def server_url(request, app_user: AppUser) -> str:
    """The URL Collect appends /formList and /submission to."""
    path = reverse("surveys:openrosa_key_form_list", kwargs={"token": app_user.token})
    return request.build_absolute_uri(path.removesuffix("/formList"))


def collect_settings(request, app_user: AppUser) -> dict:
    campaign = app_user.campaign
    name = f"{campaign.name} – {app_user.display_name}" if campaign.name else app_user.display_name
    return {
        "general": {
            "server_url": server_url(request, app_user),
            "form_update_mode": "match_exactly",
            "autosend": "wifi_and_cellular",
        },
        "admin": {},
        "project": {"name": name, "icon": (name or "M")[:1].upper(), "color": PROJECT_COLOR},
    }


def settings_payload(settings: dict) -> str:
    """zlib (pako.deflate) then base64 (btoa), the text Collect's QR reader expects."""
    data = json.dumps(settings, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.b64encode(zlib.compress(data)).decode("ascii")


def read_payload(payload: str) -> dict:
    """The inverse of settings_payload (what Collect does when it scans the code)."""
    return json.loads(zlib.decompress(base64.b64decode(payload)).decode())


def qr_svg(payload: str, *, title: str) -> str:
    """An inline SVG (no style attributes or scripts, for the security policy)."""
    code = segno.make(payload, error="l", micro=False)
    # A white background and quiet zone of its own, so a dark page still scans.
    return code.svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="collect-qr",
        lineclass="",
    )
