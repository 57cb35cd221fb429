"""Benchmark only (settings.BENCH_BARE_ENDPOINT): the least a submission endpoint can do.

It stores the request body as one file in the same storage and one row in the same database
(a table the benchmark creates), answers 201, and does nothing else: no parsing, no checks.
bench/bench_submissions.py posts the same bodies here and to the real endpoint.
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

TABLE = "bench_bare_body"


@csrf_exempt
def bare(request: HttpRequest) -> HttpResponse:
    body = request.body
    digest = hashlib.sha256(body).hexdigest()
    with transaction.atomic():
        name = default_storage.save(f"bench/{uuid.uuid4().hex}.bin", ContentFile(body))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (name, size, sha256) VALUES (%s, %s, %s)",  # noqa: S608
                [name, len(body), digest],
            )
    return HttpResponse(status=201)
