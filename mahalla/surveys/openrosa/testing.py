"""Requests built the way ODK Collect sends them (for tests and the benchmark)."""

from __future__ import annotations

import base64
import uuid

from mahalla.surveys.testing import HOUSEHOLD_MD

# The household form with a photo question (an attachment the XML names).
PHOTO_MD = HOUSEHOLD_MD.replace(
    "| choices |",
    "| | image | photo | Photo | รูปถ่าย | عکس |\n| choices |",
)


def collect_body(
    xml: bytes, files: list[tuple[str, bytes, str]] = (), *, boundary: str | None = None
) -> tuple[bytes, str]:
    """(body, content type) of Collect's multipart POST: the XML part, then one part per
    file named by its file name (as Collect's OpenRosaServerClient writes them)."""
    boundary = boundary or uuid.uuid4().hex
    parts = [
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            'filename="submission.xml"\r\nContent-Type: text/xml; charset=UTF-8\r\n\r\n'
        ).encode()
        + xml
        + b"\r\n"
    ]
    for name, data, content_type in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{name}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
