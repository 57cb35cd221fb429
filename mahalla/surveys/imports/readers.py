"""Reading an uploaded export into tables of text: what the file holds, nothing interpreted.

- ODK Central `csv.zip`: `<formid>.csv` (the submissions, with `KEY`) and one
  `<formid>-<repeat>.csv` per repeat (with `PARENT_KEY` and `KEY`); always UTF-8.
- KoboToolbox XLSX: the first sheet holds the submissions (`_uuid`, `_index`), each further
  sheet a repeat (`_index`, `_parent_table_name`, `_parent_index`).
- A plain CSV (UTF-8 with or without BOM, Windows-874 Thai or Windows-1256 Persian, guessed
  and overridable) or XLSX: one table, its columns chosen on the mapping step.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import message
from mahalla.core.uploads.storage import UploadError

CENTRAL, KOBO, TABLE = "central", "kobo", "table"
ENCODINGS = {
    "utf-8-sig": "UTF-8",
    "cp874": _("Windows-874 (Thai)"),
    "cp1256": _("Windows-1256 (Persian, Arabic)"),
}
KOBO_MARKERS = {"_uuid", "_index", "_submission_time", "_id"}


@dataclass
class Table:
    name: str  # the file or sheet name, as problems name it
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def column(self, name: str) -> int | None:
        try:
            return self.columns.index(name)
        except ValueError:
            return None


@dataclass
class Dataset:
    kind: str
    main: Table
    repeats: list[Table] = field(default_factory=list)
    encoding: str = ""
    encoding_guessed: bool = False
    # Attachments in an ODK Central zip (`media/<file name>`): file name → member name.
    media: dict[str, str] = field(default_factory=dict)


def file_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return CENTRAL
    if suffix in (".xlsx", ".csv"):
        return suffix[1:]
    raise UploadError(message("surveys.import_unknown_kind"))


def _script_share(text: str, low: int, high: int) -> float:
    letters = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not letters:
        return 0.0
    return sum(low <= ord(c) <= high or c == "\u200c" for c in letters) / len(letters)


def guess_encoding(data: bytes) -> tuple[str, bool]:
    """(encoding, guessed): UTF-8 when it decodes; else Persian when Windows-1256 reads as
    Arabic script throughout, else Thai when Windows-874 can read it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", False
    try:
        data.decode("utf-8")
        return "utf-8-sig", False
    except UnicodeDecodeError:
        pass
    persian = _script_share(data.decode("cp1256", errors="replace"), 0x0600, 0x06FF)
    try:
        thai = _script_share(data.decode("cp874"), 0x0E00, 0x0E7F)
    except UnicodeDecodeError:
        thai = 0.0
    if persian >= 0.9 or persian > thai:
        return "cp1256", True
    return "cp874", True


def _csv_rows(text: str, name: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows:
        return Table(name=name, columns=[])
    columns = [c.strip() for c in rows[0]]
    body = [
        row + [""] * (len(columns) - len(row)) for row in rows[1:] if any(c.strip() for c in row)
    ]
    return Table(name=name, columns=columns, rows=body)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _xlsx_tables(path: Path) -> list[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any broken workbook is refused the same way
        failure = message("surveys.import_unreadable", reason=type(error).__name__)
        raise UploadError(failure) from None
    tables = []
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                continue
            columns = [_cell(c) for c in header]
            while columns and not columns[-1]:
                columns.pop()
            body = []
            for row in rows:
                cells = [_cell(c) for c in row[: len(columns)]]
                if any(cells):
                    body.append(cells + [""] * (len(columns) - len(cells)))
            tables.append(Table(name=sheet.title, columns=columns, rows=body))
    finally:
        book.close()
    return tables


def _central(path: Path) -> Dataset:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UploadError(message("surveys.import_unreadable", reason="zip")) from None
    with archive:
        members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
        unpacked = sum(i.file_size for i in members)
        limit = settings.SURVEY_IMPORT_MAX_UNPACKED_BYTES
        if unpacked > limit:
            raise UploadError(message("core.upload_too_large", limit=round(limit / 1024 / 1024)))
        tables = []
        for info in members:
            text = archive.read(info).decode("utf-8-sig", errors="replace")
            tables.append(_csv_rows(text, Path(info.filename).name))
        media = _media(archive)
    main = [t for t in tables if "KEY" in t.columns and "PARENT_KEY" not in t.columns]
    if len(main) != 1:
        raise UploadError(message("surveys.import_no_main_table"))
    repeats = [t for t in tables if "PARENT_KEY" in t.columns]
    return Dataset(kind=CENTRAL, main=main[0], repeats=repeats, encoding="utf-8", media=media)


def _media(archive: zipfile.ZipFile) -> dict[str, str]:
    """The attachments ODK Central puts in `media/` when asked for them, within limits."""
    found = {}
    size = 0
    for info in archive.infolist():
        parts = info.filename.replace("\\", "/").split("/")
        if info.is_dir() or len(parts) < 2 or parts[-2].lower() != "media" or not parts[-1]:
            continue
        found.setdefault(parts[-1], info.filename)
        size += info.file_size
    from mahalla.core.uploads.storage import check_count

    check_count(len(found), settings.SURVEY_IMPORT_MAX_MEDIA_FILES)
    limit = settings.SURVEY_IMPORT_MAX_MEDIA_BYTES
    if size > limit:
        raise UploadError(message("core.upload_too_large", limit=round(limit / 1024 / 1024)))
    return found


def read_media(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member)


def read_upload(path: Path, name: str, encoding: str = "") -> Dataset:
    """The tables of the stored file; `encoding` overrides the guess for a plain CSV."""
    kind = file_kind(name)
    if kind == CENTRAL:
        return _central(path)
    if kind == "xlsx":
        tables = _xlsx_tables(path)
        if not tables:
            raise UploadError(message("surveys.import_no_rows"))
        main, *others = tables
        kobo = bool(KOBO_MARKERS & set(main.columns)) or any(
            "_parent_index" in t.columns for t in others
        )
        if kobo:
            repeats = [t for t in others if "_parent_index" in t.columns]
            return Dataset(kind=KOBO, main=main, repeats=repeats)
        return Dataset(kind=TABLE, main=main)
    data = path.read_bytes()
    guessed, was_guessed = guess_encoding(data)
    chosen = encoding if encoding in ENCODINGS else guessed
    text = data.decode(chosen, errors="replace")
    return Dataset(
        kind=TABLE,
        main=_csv_rows(text, name),
        encoding=chosen,
        encoding_guessed=was_guessed and not encoding,
    )


def samples(table: Table, limit: int = 3) -> dict[str, list[str]]:
    """A few distinct values of each column, for the mapping step."""
    out: dict[str, list[str]] = {}
    for index, column in enumerate(table.columns):
        seen: list[str] = []
        for row in table.rows:
            value = row[index] if index < len(row) else ""
            if value and value not in seen:
                seen.append(value[:60])
                if len(seen) >= limit:
                    break
        out[column] = seen
    return out
