"""OpenRosa submissions under gunicorn, against a bare endpoint that only stores the body.

On PostgreSQL (a throwaway database, dropped at the end), with production-like settings
(DEBUG off) and gunicorn with BENCH_WORKERS (4) sync workers on 127.0.0.1:

- 8 concurrent clients (threads, one http.client connection per request, as Collect opens
  them) post BENCH_SUBMISSIONS (5,000) submissions in all, each the household form's XML
  (unique instanceID) and one 200 KB photo, multipart as Collect builds it, to an app user's
  `/surveys/openrosa/key/<token>/submission`: submissions/s and p95 latency;
- the same clients post the same bodies to `/surveys/openrosa/bench-bare` on the same server
  (on only with BENCH_BARE_ENDPOINT): the body stored as one file in the same storage and one
  row in the same database, nothing else: the floor.
Both are measured in BENCH_ROUNDS (5) alternating rounds with the disk synced between them,
so neither pays for the other's gigabyte of photos being flushed, after a warm-up of 80 posts
to each (not counted).
Targets: ≥ 100 submissions/s and ≤ 2× the bare endpoint's time. Afterwards the database must
hold exactly the submissions sent, each with its photo; and one chunked POST (no
Content-Length) must be accepted by the live server.

`BENCH_SUBMISSIONS=500 python bench/run.py submissions` for a quick run.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from common import Result  # noqa: E402

TOTAL = int(os.environ.get("BENCH_SUBMISSIONS", "5000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WARMUP = 10 * CLIENTS  # posts to each endpoint before measuring
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PHOTO_BYTES = 200 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(database_url: str, media: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mahalla.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "MEDIA_ROOT": media,
        "BENCH_BARE_ENDPOINT": "true",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


SETUP = """
import json
from django.db import connection
from mahalla.places.services import area_create, area_level_get_or_create
from mahalla.surveys.models import Campaign
from mahalla.surveys.openrosa.app_users import app_user_create
from mahalla.surveys.openrosa.testing import PHOTO_MD
from mahalla.surveys.testing import make_version
level = area_level_get_or_create(code="district", rank=30, name_en="District")
area = area_create(level=level, code="1033", name_en="Khlong Toei", name_th="คลองเตย")
version = make_version(area, md=PHOTO_MD)
campaign = Campaign.objects.create(area=area, name_en="Bench", status="open")
campaign.form_versions.add(version)
app_user = app_user_create(campaign=campaign, display_name="Bench")
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE bench_bare_body (id bigserial PRIMARY KEY, name text, "
                   "size integer, sha256 text, received_at timestamptz DEFAULT now())")
print(json.dumps({"token": app_user.token, "version": version.pk}))
"""

COUNT = """
import json
from django.db import connection
from django_tasks_db.models import DBTaskResult
from mahalla.surveys.models import Attachment, Submission
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM bench_bare_body")
    bare = cursor.fetchone()[0]
print(json.dumps({
    "submissions": Submission.objects.count(),
    "with_photo": Attachment.objects.exclude(file="").count(),
    "missing": Attachment.objects.filter(file="").count(),
    "bare": bare,
    # Every stored submission has its parse task queued for the worker.
    "queued": DBTaskResult.objects.filter(
        task_path="mahalla.surveys.submissions.tasks.process_submission_version"
    ).count(),
}))
"""


def _django(env: dict[str, str], code: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _xml(instance_id: str, photo_name: str) -> bytes:
    return (
        '<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        'xmlns:orx="http://openrosa.org/xforms" id="household" version="1">'
        "<hh_name>บ้านสมชาย</hh_name><location>13.71 100.56 0 5</location>"
        "<house><tenure>tenant</tenure><rooms>2</rooms></house>"
        "<members><member_name>สมชาย</member_name><age>54</age><needs>elderly</needs></members>"
        "<members><member_name>มานี</member_name><age>12</age><needs/></members>"
        f"<photo>{photo_name}</photo><meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def _body(photo: bytes) -> tuple[bytes, str]:
    """Collect's multipart body (as mahalla.surveys.openrosa.testing.collect_body builds it,
    without importing Django here): the XML part, then the photo part."""
    boundary = uuid.uuid4().hex
    # Collect names a photo by the moment it was taken (in milliseconds; microseconds here
    # keep the eight client threads apart), so the names do not repeat.
    photo_name = f"{time.time_ns() // 1000}.jpg"
    xml = _xml(f"uuid:{uuid.uuid4()}", photo_name)
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            f'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'.encode(),
            xml,
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="{photo_name}"; '
            f'filename="{photo_name}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode(),
            photo,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _post(port: int, path: str, body: bytes, content_type: str) -> tuple[int, float]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": content_type, "X-OpenRosa-Version": "1.0"},
        )
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        connection.close()


def _load(port: int, path: str, photo: bytes, total: int) -> dict:
    """`total` posts from CLIENTS threads; wall time, latencies and the statuses seen."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counts = [total // CLIENTS + (1 if i < total % CLIENTS else 0) for i in range(CLIENTS)]

    def client(count: int) -> None:
        for _ in range(count):
            body, content_type = _body(photo)
            status, seconds = _post(port, path, body, content_type)
            with lock:
                latencies.append(seconds)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(count,)) for count in counts]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"wall": time.perf_counter() - start, "latencies": latencies, "statuses": statuses}


def _rounds(port: int, paths: dict[str, str], photo: bytes) -> dict[str, dict]:
    """Both endpoints in ROUNDS alternating rounds (the first of each round swaps), the
    disk synced between rounds: neither pays for the other's files being flushed, nor for
    coming second to a grown database."""
    runs: dict[str, list[dict]] = {name: [] for name in paths}
    for path in paths.values():  # warm-up, not counted: imports, connections, prepared plans
        _load(port, path, photo, WARMUP)
    per_round = [TOTAL // ROUNDS + (1 if i < TOTAL % ROUNDS else 0) for i in range(ROUNDS)]
    for number, count in enumerate(per_round):
        order = list(paths) if number % 2 == 0 else list(reversed(paths))
        for name in order:
            os.sync()
            runs[name].append(_load(port, paths[name], photo, count))
    out = {}
    for name, parts in runs.items():
        wall = sum(p["wall"] for p in parts)
        latencies = sorted(x for p in parts for x in p["latencies"])
        statuses: dict[int, int] = {}
        for part in parts:
            for status, n in part["statuses"].items():
                statuses[status] = statuses.get(status, 0) + n
        out[name] = {
            "wall": wall,
            "rate": TOTAL / wall,
            "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
            "statuses": statuses,
            "round_rates": [round(len(p["latencies"]) / p["wall"], 1) for p in parts],
        }
    return out


def _chunked(port: int, path: str, photo: bytes) -> int:
    """One submission sent with Transfer-Encoding: chunked (no Content-Length)."""
    body, content_type = _body(photo)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        pieces = (body[i : i + 16384] for i in range(0, len(body), 16384))
        connection.request(
            "POST", path, body=pieces, headers={"Content-Type": content_type}, encode_chunked=True
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _wait_for(port: int, process: subprocess.Popen, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("HEAD", path)
            if connection.getresponse().status == 204:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def _measure(database_url: str) -> dict:
    with tempfile.TemporaryDirectory() as media:
        env = _env(database_url, media)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
        )
        setup = _django(env, SETUP)
        port = _free_port()
        submission = f"/surveys/openrosa/key/{setup['token']}/submission"
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "mahalla.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            _wait_for(port, gunicorn, submission)
            photo = os.urandom(PHOTO_BYTES)
            print(f"   {TOTAL:,} submissions, {CLIENTS} clients, {WORKERS} workers", flush=True)
            measured = _rounds(
                port, {"bare": "/surveys/openrosa/bench-bare", "real": submission}, photo
            )
            bare, real = measured["bare"], measured["real"]
            for label, run in (("bare", bare), ("OpenRosa", real)):
                print(
                    f"   {label}: {run['rate']:.1f}/s, statuses {run['statuses']}, "
                    f"rounds {run['round_rates']}",
                    flush=True,
                )
            chunked = _chunked(port, submission, photo)
        finally:
            gunicorn.terminate()
            gunicorn.wait(30)
        counts = _django(env, COUNT)
    return {"bare": bare, "real": real, "chunked": chunked, "counts": counts}


def _child() -> None:
    from assign_db import PG_URL, bench_database

    with bench_database() as database:
        if database is None:
            print(json.dumps({"skipped": "PostgreSQL unreachable"}))
            return
        url = urlsplit(PG_URL)._replace(path=f"/{database}").geturl()
        print(json.dumps(_measure(url)), flush=True)


def run(argv: list[str] | None = None) -> list[Result]:
    output = subprocess.run(
        [sys.executable, __file__, "--child"], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    figures: dict = {}
    for line in output.splitlines():
        if line.startswith("{"):
            figures = json.loads(line)
        else:
            print(line)
    if "skipped" in figures:
        print(f"!!! SKIPPING the submissions benchmark: {figures['skipped']}")
        return []
    bare, real, counts = figures["bare"], figures["real"], figures["counts"]
    stored_ok = (
        counts["submissions"] == TOTAL + WARMUP + 1  # + the warm-up and the chunked one
        and counts["with_photo"] == TOTAL + WARMUP + 1
        and counts["missing"] == 0
        and counts["queued"] == counts["submissions"]
        and real["statuses"] == {"201": TOTAL}
        and figures["chunked"] == 201
    )
    print(
        f"   stored: {counts['submissions']:,} submissions, {counts['with_photo']:,} photos, "
        f"{counts['missing']} missing, {counts['queued']:,} parse tasks queued, "
        f"{counts['bare']:,} bare bodies; chunked POST answered "
        f"{figures['chunked']} → {'OK' if stored_ok else 'WRONG'}"
    )
    print(
        f"   OpenRosa {real['rate']:.1f} submissions/s (p95 {real['p95'] * 1000:.0f} ms) vs "
        f"bare {bare['rate']:.1f}/s (p95 {bare['p95'] * 1000:.0f} ms): "
        f"{bare['rate'] / real['rate']:.2f}× the bare endpoint's time"
    )
    results = [
        Result(
            f"{TOTAL:,} OpenRosa submissions with a 200 KB photo, {CLIENTS} clients, gunicorn "
            f"×{WORKERS} on PostgreSQL (time per submission)",
            real["wall"] / TOTAL,
            bare["wall"] / TOTAL,
            target=2.0,
            unit="s",
            note=f"baseline: the same bodies to a bare endpoint storing only the body; "
            f"{real['rate']:.1f}/s (p95 {real['p95'] * 1000:.0f} ms) vs {bare['rate']:.1f}/s "
            f"(p95 {bare['p95'] * 1000:.0f} ms)",
        ),
        Result(
            "OpenRosa time per submission against the 100 submissions/s target",
            real["wall"] / TOTAL,
            0.01,
            target=1.0,
            unit="s",
            note="baseline: 1/100 s",
        ),
    ]
    if not stored_ok:
        results.append(
            Result("stored exactly what was sent", 1.0, 0.0, target=1.0, unit="", note=str(counts))
        )
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child()
    else:
        for item in run():
            print(item.line())
