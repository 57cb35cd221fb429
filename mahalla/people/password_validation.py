"""Password checks as Django's, with numbers in the reader's digits (۸ on Persian pages)."""

from __future__ import annotations

from django.contrib.auth import password_validation

from mahalla.core.i18n.digits import localize_digits


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's message formats the length with %d, which always gives ASCII digits."""

    def get_error_message(self) -> str:
        return localize_digits(super().get_error_message())

    def get_help_text(self) -> str:
        return localize_digits(super().get_help_text())
