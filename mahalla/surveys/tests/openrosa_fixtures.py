"""Fixtures shared by the OpenRosa tests: a published photo form in an open campaign."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mahalla.surveys.openrosa.app_users import app_user_create
from mahalla.surveys.openrosa.testing import PHOTO_MD, collect_body
from mahalla.surveys.testing import make_version, open_campaign

PHOTO = b"\xff\xd8\xff\xe0" + b"jpeg" * 1000


@pytest.fixture
def version(world):
    version = make_version(world.khlong_toei, md=PHOTO_MD)
    version.form.name_th = "สำรวจครัวเรือน"
    version.form.name_fa = "پیمایش خانوار"
    version.form.save()
    return version


@pytest.fixture
def campaign(world, version):
    return open_campaign(world.khlong_toei, version)


@pytest.fixture
def app_user(campaign, world):
    return app_user_create(campaign=campaign, display_name="Team 1", user=world.khlong_toei_officer)


def key_url(app_user, url_name: str, **kwargs) -> str:
    return reverse(f"surveys:openrosa_key_{url_name}", kwargs={"token": app_user.token, **kwargs})


def post(client, url: str, xml: bytes, files=(), **extra):
    body, content_type = collect_body(xml, list(files))
    return client.generic("POST", url, body, content_type=content_type, **extra)
