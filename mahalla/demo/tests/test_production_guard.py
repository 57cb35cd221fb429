from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from mahalla.demo.tests.conftest import run_demo
from mahalla.people.models import User
from mahalla.places.models import Area


def test_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        run_demo()
    assert not Area.objects.exists()
    assert not User.objects.exists()


def test_runs_with_debug_off_when_forced(db, settings):
    settings.DEBUG = False
    run_demo(force=True)
    assert User.objects.filter(username="admin").exists()


def test_runs_without_force_in_debug_mode(db, settings):
    settings.DEBUG = True
    run_demo()
    assert Area.objects.filter(name_en="Moradabad").exists()
