"""Demo data for the OpenRosa server: app users of a campaign (their QR codes on its page)."""

from __future__ import annotations

from mahalla.surveys.models import AppUser, Campaign
from mahalla.surveys.openrosa.app_users import app_user_create

DEMO_APP_USERS = ("Team 1 phone", "Team 2 phone")


def build(
    campaign: Campaign, *, names: tuple[str, ...] = DEMO_APP_USERS, user=None
) -> list[AppUser]:
    """App users named `names` in `campaign` (created by `user`), made once: running the
    demo again returns the same rows."""
    found = []
    for name in names:
        existing = campaign.app_users.filter(display_name=name, revoked_at__isnull=True).first()
        found.append(existing or app_user_create(campaign=campaign, display_name=name, user=user))
    return found
