# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""A chunked submission (no Content-Length) over a raw socket to a live gunicorn, as a phone
behind some proxies sends it. PostgreSQL only: gunicorn runs in another process and must
see the test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from mahalla.surveys.models import Attachment, Submission
from mahalla.surveys.openrosa.testing import collect_body
from mahalla.surveys.testing import household_xml
from mahalla.surveys.tests.openrosa_fixtures import PHOTO, app_user, campaign, key_url, version  # noqa: F401

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn needs PostgreSQL"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_gunicorn(tmp_path):
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT'] or 5432}/"
        f"{database['NAME']}"
    )
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "SECRET_KEY": "live-test",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mahalla.wsgi:application",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(10)


def _raw_chunked_post(port: int, path: str, body: bytes, content_type: str) -> bytes:
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nX-OpenRosa-Version: 1.0\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        for start in range(0, len(body), 7000):
            chunk = body[start : start + 7000]
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
        answer = b""
        while data := sock.recv(65536):
            answer += data
    return answer


def test_a_chunked_submission_reaches_a_live_server_whole(live_gunicorn, app_user, version):
    body, content_type = collect_body(
        household_xml(version, photo="p.jpg"), [("p.jpg", PHOTO, "image/jpeg")]
    )
    answer = _raw_chunked_post(live_gunicorn, key_url(app_user, "submission"), body, content_type)
    assert answer.startswith(b"HTTP/1.1 201"), answer[:300]
    assert b"X-OpenRosa-Version: 1.0" in answer
    assert Submission.objects.count() == 1
    assert Attachment.objects.get().size == len(PHOTO)
