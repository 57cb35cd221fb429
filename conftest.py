"""Shared pytest fixtures: a fast password hasher, an immediate task backend, the world."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from mahalla.testing import PASSWORD, World, build_world

# The `page` fixture for browser tests (Playwright driving chromium).
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _fast_and_offline(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A request leaves its language active in the thread; each test starts from the default.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login():
    """login(user) -> a Client signed in as that user (None gives an anonymous client)."""

    def _login(user=None) -> Client:
        client = Client()
        if user is not None:
            assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login
