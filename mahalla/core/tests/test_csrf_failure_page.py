"""A form sent without a valid CSRF token gets our page, in the reader's language, as 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mahalla.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "แบบฟอร์มหมดอายุ"), ("fa", "فرم منقضی شده است"), ("en", "The form has expired")],
)
def test_csrf_failure_is_translated(language, expected):
    make_user("somchai")
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(reverse("login"), {"username": "somchai", "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert expected in html
    assert "CSRF token" not in html  # Django's technical reason is not shown
    assert f'lang="{language}"' in html
