"""The CSV zip, streamed: one CSV per table (as ODK Central's csv.zip), attachments in media/.

Each CSV starts with a UTF-8 byte-order mark so that Excel opens Thai and Persian text
right. The zip is built while it is sent (zipstream-ng): each table is generated row by row
from its own streamed query, attachments are read from storage in chunks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from zipfile import ZIP_DEFLATED

from django.conf import settings
from django.core.files.storage import default_storage
from zipstream import ZipStream

from mahalla.surveys.exports import query
from mahalla.surveys.exports.build import Export, Progress, table_rows

BOM = "\ufeff"
FLUSH_AT = 256 * 1024
FILE_CHUNK = 256 * 1024


def csv_bytes(header: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """A CSV in UTF-8 with BOM, yielded in pieces of about FLUSH_AT bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= FLUSH_AT:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _stored_file(name: str) -> Iterator[bytes]:
    with default_storage.open(name, "rb") as handle:
        while chunk := handle.read(FILE_CHUNK):
            yield chunk


def attachment_arcname(instance_id: str, name: str, used: set[str]) -> str:
    """`media/<name>` as Central puts them; a name two submissions share gets its key."""
    arcname = f"media/{name}"
    if arcname in used:
        safe = instance_id.replace(":", "_").replace("/", "_")
        arcname = f"media/{safe}/{name}"
    used.add(arcname)
    return arcname


def zip_stream(export: Export, progress: Progress | None = None) -> ZipStream:
    level = int(getattr(settings, "SURVEY_EXPORT_ZIP_LEVEL", 6))
    stream = ZipStream(compress_type=ZIP_DEFLATED, compress_level=level)
    for table in export.tables:
        rows = table_rows(export, table, progress)
        stream.add(csv_bytes(table.header(), rows), f"{table.file_stem}.csv")
    if export.attachments:
        # Listed lazily: the query runs when the zip reaches the media, after the tables.
        stream.add(b"", "media/")
        _add_attachments_lazily(stream, export)
    return stream


def _add_attachments_lazily(stream: ZipStream, export: Export) -> None:
    used: set[str] = set()
    for instance_id, name, stored, _size in query.attachment_rows(export.submissions):
        stream.add(_stored_file(stored), attachment_arcname(instance_id, name, used))
