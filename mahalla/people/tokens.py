"""API token keys that end with their owner's password, and their expiry.

A key is a random part followed by an HMAC (keyed with SECRET_KEY) of that part, the user's
id and the user's password hash. Whatever changes the password — the password-change page,
a reset link, the admin, `manage.py changepassword` — changes the hash, so the key no longer
matches and the token is refused. The check lives here, at authentication, rather than in
each of those places. See docs/decisions/0004-login-lockout.md.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "mahalla.people.tokens.api-token"
_RANDOM_CHARS = 20  # 80 random bits; with the 80-bit signature the key is DRF's 40 characters
_SIGNATURE_CHARS = 20


def _signature(user: Any, random_part: str, secret: str) -> str:
    value = f"{user.pk}:{user.password}:{random_part}"
    digest = salted_hmac(_SALT, value, secret=secret, algorithm="sha256").hexdigest()
    return digest[:_SIGNATURE_CHARS]


def new_key(user: Any) -> str:
    random_part = secrets.token_hex(_RANDOM_CHARS // 2)
    return random_part + _signature(user, random_part, settings.SECRET_KEY)


def key_matches_password(key: str, user: Any) -> bool:
    """Whether `key` was made for `user`'s current password (old secrets still accepted)."""
    random_part, signature = key[:_RANDOM_CHARS], key[_RANDOM_CHARS:]
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(signature, _signature(user, random_part, secret))
        for secret in secrets_
    )


def expires_at(created: datetime) -> datetime:
    return created + timedelta(days=settings.API_TOKEN_DAYS)


def has_expired(created: datetime, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= expires_at(created)
