"""API authentication: DRF's tokens, refused once expired or outlived by a password change.

Kept apart from the token view: DRF reads DEFAULT_AUTHENTICATION_CLASSES when its views
are defined, so this module must not import any view.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from mahalla.core.i18n.calendars import format_date
from mahalla.people import tokens


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing tokens that expired or outlived a password."""

    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if not tokens.key_matches_password(token.key, user):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _(
                    "This API token stopped working when the password changed. "
                    "Make a new one on your account page."
                )
            )
        if tokens.has_expired(token.created):
            raise exceptions.AuthenticationFailed(
                _("This API token expired on %(date)s. Make a new one on your account page.")
                % {"date": format_date(tokens.expires_at(token.created))}
            )
        return user, token
