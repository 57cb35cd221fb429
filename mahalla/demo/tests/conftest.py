from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


def run_demo(**options) -> str:
    out = StringIO()
    # A few households: enough to show the path; the default thousands take a minute.
    options.setdefault("households", 12)
    call_command("demo_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    """The demo built on an empty database; the value is what the command printed."""
    return run_demo(force=True)
