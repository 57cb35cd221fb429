"""The raw file of an upload: stored whole or not at all, readable through a local path."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.db.models.fields.files import FieldFile

from mahalla.core.jobs.messages import Message, message, render_text
from mahalla.core.uploads import messages as _messages  # noqa: F401 - registers the codes

logger = logging.getLogger(__name__)


class UploadError(Exception):
    """The uploaded file cannot be used; `failure` is the message code and parameters."""

    def __init__(self, failure: Message) -> None:
        super().__init__(failure.get("code"))
        self.failure = failure

    @property
    def message(self) -> str:
        return render_text(self.failure)


def original_name(uploaded_file: Any) -> str:
    """The file's own name without any folder the browser sent, as the field can hold it."""
    return Path(str(uploaded_file.name)).name[:255]


def check_size(uploaded_file: Any, limit: int, code: str = "core.upload_too_large") -> None:
    """Refuse a file larger than `limit` bytes (the message says the limit in MB)."""
    if uploaded_file.size > limit:
        raise UploadError(message(code, limit=round(limit / 1024 / 1024)))


def check_count(count: int, limit: int, code: str = "core.upload_too_many", **params: Any) -> None:
    """Refuse a file holding more than `limit` rows, features or records."""
    if count > limit:
        raise UploadError(message(code, count=count, limit=limit, **params))


def store_file(
    field: FieldFile, uploaded_file: Any, name: str, code: str = "core.upload_storage_failed"
) -> None:
    """Save the raw file into `field`; a full or read-only disk leaves no partial file.

    Call it before the record is saved: on failure `UploadError` is raised and nothing exists.
    """
    # The name is settled before writing, so a write that fails half-way can be cleaned up.
    target = field.storage.get_available_name(
        field.field.generate_filename(field.instance, name),
        max_length=field.field.max_length,
    )
    try:
        field.name = field.storage.save(target, uploaded_file, max_length=field.field.max_length)
        field._committed = True
    except OSError:
        logger.exception("storing the uploaded file %s failed", name)
        with suppress(OSError):
            if field.storage.exists(target):
                field.storage.delete(target)
        raise UploadError(message(code)) from None


@contextmanager
def local_path(stored: FieldFile, suffix: str, missing: Exception | None = None) -> Iterator[Path]:
    """A path a library can open: the stored file itself, or a temporary copy of it.

    `missing` is raised when the file is no longer stored (default: `UploadError`).
    """
    if not stored.name or not stored.storage.exists(stored.name):
        raise missing or UploadError(message("core.upload_file_gone"))
    try:
        local = stored.path
    except NotImplementedError:  # storage without local paths (object storage)
        local = None
    if local:
        yield Path(local)
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"upload{suffix}"
        with stored.open("rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target)
        yield copy


def discard_file(job: Any) -> None:
    """Delete a refused file and empty the record's field (the record of the refusal stays)."""
    with suppress(OSError):
        job.file.delete(save=False)
    type(job).objects.filter(pk=job.pk).update(file="")
