"""People forms put the reader's language first and type Latin text left to right."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def _inputs(html: str) -> list[str]:
    return re.findall(r'<input type="text" name="((?:short_)?name_\w\w)"', html)


def _input(html: str, name: str) -> str:
    return re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group(0)


@pytest.mark.parametrize(
    ("language", "order"),
    [
        (
            "th",
            ["name_th", "name_en", "name_fa", "short_name_th", "short_name_en", "short_name_fa"],
        ),
        (
            "fa",
            ["name_fa", "name_en", "name_th", "short_name_fa", "short_name_en", "short_name_th"],
        ),
    ],
)
def test_organisation_form_puts_the_readers_language_first(world, login, kt_admin, language, order):
    kt_admin.language = language
    kt_admin.save()
    html = login(kt_admin).get(reverse("people:organisation_create")).content.decode()
    assert _inputs(html) == order


def test_organisation_inputs_run_in_their_scripts_direction(world, login, kt_admin):
    kt_admin.language = "fa"
    kt_admin.save()
    url = reverse("people:organisation_update", args=[world.khlong_toei_office.pk])
    html = login(kt_admin).get(url).content.decode()
    assert 'lang="fa" dir="rtl"' in _input(html, "name_fa")
    assert 'lang="en" dir="ltr"' in _input(html, "name_en")
    assert 'lang="en" dir="ltr"' in _input(html, "short_name_en")
    assert 'lang="th" dir="ltr"' in _input(html, "short_name_th")


def test_usernames_and_emails_are_typed_left_to_right_on_persian_pages(world, login, kt_admin):
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    login_page = visitor.get(reverse("login")).content.decode()
    assert 'dir="ltr"' in _input(login_page, "username")
    assert 'dir="ltr"' in _input(login_page, "password")
    reset_page = visitor.get(reverse("password_reset")).content.decode()
    assert 'dir="ltr"' in _input(reset_page, "email")
    kt_admin.language = "fa"
    kt_admin.save()
    grant_page = login(kt_admin).get(reverse("people:grant_create")).content.decode()
    assert 'dir="ltr"' in _input(grant_page, "username")
