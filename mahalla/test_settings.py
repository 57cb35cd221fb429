"""Settings for the test suite: the real settings with test-safe environment defaults."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")

from mahalla.settings import *  # noqa: E402,F403

# On SQLite the test database is a file, not Django's shared in-memory connection: the live
# server's threads then open their own connections. Sharing one connection between the test
# thread and the server's threads can deadlock inside SQLite when a query calls back into
# Python (our ICU sort keys, Django's date functions): one thread holds SQLite's mutex waiting
# for the interpreter lock, the other the reverse. A CI run hung that way.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(  # noqa: F405
    "TEST_DATABASE_NAME"
):
    import tempfile
    from pathlib import Path

    _shm = Path("/dev/shm")  # noqa: S108 - memory-backed and private to this run by its name
    _dir = _shm if _shm.is_dir() and os.access(_shm, os.W_OK) else Path(tempfile.gettempdir())
    _run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:12]
    DATABASES["default"]["TEST"] = {"NAME": str(_dir / f"mahalla-test-{_run}.sqlite3")}  # noqa: F405
