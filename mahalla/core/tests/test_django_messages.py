"""Django's, DRF's and django-axes' own messages are listed with their real msgids, and
our catalogues' wording wins over the packages' own translations."""

from __future__ import annotations

import gettext as gnu_gettext
from importlib.util import find_spec
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core import validators
from django.db import models
from django.db.models.constraints import BaseConstraint
from django.utils import translation
from django.utils.functional import Promise
from rest_framework import exceptions as api_exceptions
from rest_framework import fields as api_fields

from mahalla.core.i18n.django_messages import MESSAGES, PLURAL_MESSAGES

LANGUAGES = ("th", "fa")
# Catalogues holding every msgid a package uses: Django ships its English templates; DRF
# and django-axes only translations, so all of theirs together.
PACKAGE_TEMPLATES = [
    ("django", "conf/locale/en/LC_MESSAGES/django.po"),
    ("django", "contrib/auth/locale/en/LC_MESSAGES/django.po"),
]
PACKAGE_TRANSLATIONS = ["rest_framework", "axes"]


def _msgid(message: Promise) -> str | tuple[str, str]:
    """The msgid behind a lazy translation (a plural one gives its two msgids)."""
    keywords = getattr(message, "_kw", None) or {}
    if "singular" in keywords:
        return keywords["singular"], keywords["plural"]
    return message._args[0]


def _shown_by_django() -> set[str | tuple[str, str]]:
    """Messages the packages keep as data (not inside code), read from the packages."""
    found: list[Promise] = []
    for field in (
        forms.Field,
        forms.IntegerField,
        forms.DecimalField,
        forms.DateField,
        forms.DateTimeField,
        forms.ChoiceField,
        forms.FileField,
        forms.URLField,
        forms.ModelChoiceField,
    ):
        for cls in field.__mro__:
            found += getattr(cls, "default_error_messages", {}).values()
    for validator in (
        validators.MaxLengthValidator,
        validators.MinLengthValidator,
        validators.MaxValueValidator,
        validators.MinValueValidator,
        validators.EmailValidator,
        validators.URLValidator,
        validators.ProhibitNullCharactersValidator,
    ):
        found.append(validator.message)
    found += validators.DecimalValidator.messages.values()
    found += [m for k, m in models.Field.default_error_messages.items() if k != "unique_for_date"]
    found.append(BaseConstraint.default_violation_error_message)
    for form in (auth_forms.AuthenticationForm, auth_forms.PasswordChangeForm):
        found += form.error_messages.values()
    for form in (auth_forms.SetPasswordForm, auth_forms.PasswordChangeForm):
        found += [f.label for f in form.base_fields.values()]
    username = get_user_model()._meta.get_field("username")
    found += [username.verbose_name, username.help_text, username.error_messages["unique"]]
    found += [v.message for v in username.validators if hasattr(v, "message")]
    for exception in (
        api_exceptions.AuthenticationFailed,
        api_exceptions.NotAuthenticated,
        api_exceptions.PermissionDenied,
        api_exceptions.NotFound,
        api_exceptions.MethodNotAllowed,
        api_exceptions.Throttled,
    ):
        found.append(exception.default_detail)
    found += [api_exceptions.Throttled.extra_detail_singular]
    found += [api_exceptions.Throttled.extra_detail_plural]
    found += api_fields.CharField.default_error_messages.values()
    return {_msgid(m) for m in found if isinstance(m, Promise)}


def _listed() -> set[str | tuple[str, str]]:
    return set(MESSAGES) | set(PLURAL_MESSAGES)


def test_every_message_the_packages_keep_as_data_is_listed():
    missing = _shown_by_django() - _listed()
    assert not missing, f"add to mahalla/core/i18n/django_messages.py: {sorted(map(str, missing))}"


def _package_root(package: str) -> Path:
    return Path(find_spec(package).origin).parent


def _package_msgids() -> set[str]:
    known: set[str] = set()
    for package, relative in PACKAGE_TEMPLATES:
        known.update(e.msgid for e in polib.pofile(str(_package_root(package) / relative)))
    for package in PACKAGE_TRANSLATIONS:
        for path in _package_root(package).glob("locale/*/LC_MESSAGES/django.mo"):
            with path.open("rb") as handle:
                catalogue = gnu_gettext.GNUTranslations(handle)._catalog
            known.update(key[0] if isinstance(key, tuple) else key for key in catalogue)
    return known


def test_every_listed_msgid_is_one_a_package_really_uses():
    # A typo or a msgid changed by an upgrade would never be looked up: the package
    # would show its own translation, or English.
    known = _package_msgids()
    singulars = [*MESSAGES, *(singular for singular, _plural in PLURAL_MESSAGES)]
    unknown = [msgid for msgid in singulars if msgid not in known]
    assert not unknown, f"no installed package uses these msgids: {unknown}"


def _ours(language: str) -> dict[str, polib.POEntry]:
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_our_wording_wins_over_the_packages_catalogues(language):
    ours = _ours(language)
    general_form = 0 if language == "th" else 1  # the form for 5 (th: one form; fa: n > 1)
    differing = []
    with translation.override(language):
        for msgid in MESSAGES:
            if msgid not in ours or translation.gettext(msgid) != ours[msgid].msgstr:
                differing.append(msgid)
        for singular, plural in PLURAL_MESSAGES:
            ours_plural = ours[singular].msgstr_plural if singular in ours else {}
            if translation.ngettext(singular, plural, 5) != ours_plural.get(general_form):
                differing.append(singular)
    assert not differing, f"{language}: shown from another catalogue: {differing}"
