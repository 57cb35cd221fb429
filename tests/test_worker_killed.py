"""A worker killed in the middle of an import: the next worker marks it failed, it runs again.

Real processes on a real database file: `manage.py worker` picks the job from the queue, is
killed with SIGKILL while the job runs, and a new worker starts.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Enough features that the job is still reading and checking when the worker is killed.
COUNT = 8_000

SETUP = """
import numpy as np, pyogrio, shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from mahalla.people.models import User
from mahalla.places.boundary_imports.service import boundary_import_start, boundary_import_upload
from mahalla.places.services import area_create, area_level_get_or_create
from shapely.geometry import box
province = area_level_get_or_create(code="province", rank=10, name_en="Province")
community = area_level_get_or_create(
    code="community", rank=50, name_en="Community", is_community=True
)
root = area_create(level=province, name_en="Bangkok", geometry=box(100.3, 13.5, 100.9, 14.0))
admin = User.objects.create_superuser("admin", "admin@example.org", "x")
n = {count}
xs = 100.31 + (np.arange(n) % 500) * 0.001
ys = 13.51 + (np.arange(n) // 500) * 0.001
points = shapely.points(xs, ys)
names = np.array([f"Community {{i}}" for i in range(n)], dtype=object)
pyogrio.raw.write("{path}", shapely.to_wkb(points), [names], ["name"], driver="GeoJSON",
                  crs="EPSG:4326", geometry_type="Point")
upload = SimpleUploadedFile("points.geojson", open("{path}", "rb").read())
job = boundary_import_upload(user=admin, parent=root, uploaded_file=upload)
boundary_import_start(boundary_import=job, user=admin, level=community, name_en_field="name")
print(job.pk)
"""

CONFIRM = """
from mahalla.people.models import User
from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.models import BoundaryImport
job = BoundaryImport.objects.get(pk={pk})
boundary_import_confirm(boundary_import=job, user=User.objects.get(username="admin"))
"""

RERUN = """
from mahalla.people.models import User
from mahalla.places.boundary_imports.service import boundary_import_rerun
from mahalla.places.models import BoundaryImport
job = BoundaryImport.objects.get(pk={pk})
boundary_import_rerun(boundary_import=job, user=User.objects.get(username="admin"))
"""


@pytest.fixture
def env(tmp_path):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mahalla.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "false",
        "SECRET_KEY": "worker-test-only",
        "JOB_LEASE_SECONDS": "3",
        "LANGUAGE_CODE": "en",
    }


def _manage(env, *args, timeout=120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def _state(env, pk) -> tuple:
    """Read straight from the database file: quick enough to catch the job running."""
    database = env["DATABASE_URL"].removeprefix("sqlite:///")
    with closing(sqlite3.connect(database, timeout=20)) as db:
        status, processed, failure = db.execute(
            "SELECT status, processed, failure FROM places_boundaryimport WHERE id = ?", (pk,)
        ).fetchone()
        (areas,) = db.execute(
            "SELECT COUNT(*) FROM places_area a JOIN places_arealevel l ON a.level_id = l.id"
            " WHERE l.code = 'community'"
        ).fetchone()
    return status, processed, areas, json.loads(failure or "{}").get("code", "")


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="uses its own SQLite database file; it runs once, in the SQLite pass",
)
def test_a_killed_worker_leaves_a_failed_import_that_runs_again(env, tmp_path):
    _manage(env, "migrate", "--no-input", "-v0")
    script = SETUP.format(count=COUNT, path=tmp_path / "points.geojson")
    pk = int(_manage(env, "shell", "-c", script).splitlines()[-1])
    assert _state(env, pk)[0] == "pending"

    worker = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _state(env, pk)[0] != "running":
            assert time.monotonic() < deadline, "the worker never started the job"
            time.sleep(0.05)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    status, _processed, areas, _code = _state(env, pk)
    assert (status, areas) == ("running", 0)  # what the dead worker left behind

    time.sleep(3.5)  # the lease runs out
    _manage(env, "worker", "--reap-only")
    status, _processed, areas, code = _state(env, pk)
    assert (status, areas, code) == ("failed", 0, "core.job_abandoned")

    _manage(env, "shell", "-c", RERUN.format(pk=pk))
    _manage(env, "worker", "--batch", timeout=300)
    status, processed, areas, _code = _state(env, pk)
    assert (status, processed, areas) == ("done", COUNT, 0)  # the plan, waiting for a yes
    _manage(env, "shell", "-c", CONFIRM.format(pk=pk))
    _manage(env, "worker", "--batch", timeout=300)
    status, processed, areas, _code = _state(env, pk)
    assert (status, processed, areas) == ("done", COUNT, COUNT)
