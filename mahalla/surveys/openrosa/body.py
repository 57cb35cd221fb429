"""Reading a submission's request body within the size limit, whole or not at all.

The body is copied into a spooled temporary file before Django parses it, so that:
- a body announced larger than the limit is refused before a byte is read (413), and one
  that grows past it while arriving (chunked, no Content-Length) is refused when it does;
- a chunked body works: gunicorn de-chunks it but sends no CONTENT_LENGTH, and Django would
  then read nothing; we read to the end (gunicorn marks the stream `wsgi.input_terminated`)
  and set the length ourselves;
- a truncated body (the connection dropped; the closing boundary never came) is refused
  (400) instead of being parsed into a partial file.
"""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.http import HttpRequest
from django.http.multipartparser import parse_header_parameters

CHUNK = 64 * 1024


class BodyError(Exception):
    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


def _declared_length(request: HttpRequest) -> int | None:
    value = request.META.get("CONTENT_LENGTH")
    if value in (None, ""):
        return None
    try:
        return max(0, int(value))
    except ValueError:
        raise BodyError(400, "surveys.openrosa.truncated") from None


def spool_body(request: HttpRequest) -> None:
    """Read the whole multipart body into a spool the request then parses, or BodyError."""
    content_type = request.META.get("CONTENT_TYPE", "")
    _, params = parse_header_parameters(content_type)
    boundary = params.get("boundary", "")
    if not content_type.lower().startswith("multipart/form-data") or not boundary:
        raise BodyError(400, "surveys.openrosa.not_multipart")
    limit = settings.OPENROSA_MAX_SUBMISSION_BYTES
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise BodyError(413, "surveys.openrosa.too_large")
    if declared is None and not request.META.get("wsgi.input_terminated"):
        # No length and a server that does not end the stream: nothing can be read safely.
        raise BodyError(400, "surveys.openrosa.truncated")

    source = request.environ["wsgi.input"] if declared is None else request
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115 - the request reads it after we return
    size = 0
    tail = b""
    remaining = declared
    while remaining is None or remaining > 0:
        want = CHUNK if remaining is None else min(CHUNK, remaining)
        try:
            chunk = source.read(want)
        except OSError:  # the client went away mid-body (gunicorn: NoMoreData)
            chunk = b""
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            spool.close()
            raise BodyError(413, "surveys.openrosa.too_large")
        spool.write(chunk)
        tail = (tail + chunk)[-(len(boundary) + 16) :]
        if remaining is not None:
            remaining -= len(chunk)
    if (remaining or 0) > 0 or not tail.rstrip().endswith(b"--" + boundary.encode() + b"--"):
        spool.close()
        raise BodyError(400, "surveys.openrosa.truncated")
    spool.seek(0)
    request._stream = spool
    request._read_started = False
    request.META["CONTENT_LENGTH"] = str(size)
