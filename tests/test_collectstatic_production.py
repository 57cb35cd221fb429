"""`collectstatic` with the production storage succeeds and leaves compressed, hashed files.

Run as `manage.py` is run in production (its own process, DEBUG off), because the test
settings swap the storage for the plain one and would hide what whitenoise's manifest
storage refuses, such as a vendored file naming a source map that was not copied.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _collectstatic(static_root: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mahalla.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "STATIC_ROOT": str(static_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_collectstatic_with_the_production_storage_succeeds(tmp_path):
    static_root = tmp_path / "static"
    result = _collectstatic(static_root)
    assert result.returncode == 0, result.stderr[-3000:]

    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/maplibre/maplibre-gl.js", "vendor/htmx/htmx.min.js", "css/mahalla.css"):
        hashed = manifest[name]
        assert hashed != name, f"{name} was not given a hashed name"
        assert (static_root / hashed).is_file()
        assert (static_root / f"{hashed}.gz").is_file(), f"{hashed} has no gzip copy"
