"""Form media made from live data rather than uploaded: a CSV a form's
`select_one_from_file` reads (the registry's households, for a follow-up survey).

A provider registers the file name it fills (`households.csv`). A version naming that file
gets a media row with `dataset` set instead of a file: it is never "missing", and the
OpenRosa manifest, its media download and the web form build its content for the caller
at request time (with its md5, so ODK Collect fetches it again when it changes). The survey
app never imports the provider's app.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# (version, user, app user, download) → the file's bytes, for what that caller may see.
# `download` is False when only the manifest's hash is wanted: nothing is disclosed then,
# so a provider of personal data logs the download only.
Provider = Callable[[Any, Any, Any, bool], bytes]


@dataclass(frozen=True)
class Dataset:
    key: str
    file_name: str
    provider: Provider


_BY_NAME: dict[str, Dataset] = {}
_BY_KEY: dict[str, Dataset] = {}


def register_dataset(key: str, file_name: str, provider: Provider) -> None:
    dataset = Dataset(key, file_name, provider)
    _BY_NAME[file_name] = dataset
    _BY_KEY[key] = dataset


def dataset_for(file_name: str) -> str:
    """The key of the dataset that fills `file_name`, or ""."""
    found = _BY_NAME.get(file_name)
    return found.key if found else ""


def content(
    media: Any, *, user: Any = None, app_user: Any = None, download: bool = True
) -> bytes | None:
    """The bytes of a dataset media file for this caller (None: no provider any more)."""
    dataset = _BY_KEY.get(media.dataset)
    if dataset is None:
        return None
    return dataset.provider(media.version, user, app_user, download)


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()  # noqa: S324 - the OpenRosa manifest's hash
