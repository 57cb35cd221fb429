"""An uploaded XLSForm read into the dictionary pyxform converts, with real-world quirks fixed.

pyxform reads workbooks itself, but files made by hand and by other tools trip it: a sheet
that declares a million rows (or 16,384 columns) is walked cell by cell, sheet names in
capitals, headers with trailing spaces or in capitals, a `version` that is a formula whose
value was never computed, typographic quotes typed into expressions. So we read the workbook
ourselves, streaming (openpyxl read-only, xlrd for legacy .xls), and hand pyxform the same
dictionary its own readers build (`DefinitionData`): for each sheet a list of row dicts, with
empty rows kept in place so the row numbers in pyxform's messages are the spreadsheet's.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from pyxform import constants
from pyxform.xls2json_backends import xls_value_to_unicode, xlsx_value_to_str

from mahalla.core.jobs.messages import Message, message

SUPPORTED_SHEETS = tuple(constants.SUPPORTED_SHEET_NAMES)
# pyxform stops at 60 empty rows in a row; we follow it (a styled but empty tail ends there).
EMPTY_RUN_LIMIT = 60
MAX_COLUMNS = 500

# Columns holding XPath expressions: typographic quotes typed there become straight ones.
EXPRESSION_COLUMNS = {
    "relevant",
    "constraint",
    "calculation",
    "required",
    "readonly",
    "read_only",
    "choice_filter",
    "repeat_count",
    "default",
    "trigger",
    "instance_name",
    "jr:count",
}
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
# Columns that take a language after "label:English" (old syntax, one colon).
_TRANSLATABLE = (
    "label",
    "hint",
    "guidance_hint",
    "constraint_message",
    "required_message",
    "image",
    "big-image",
    "audio",
    "video",
    "media",
)
_SPACES = re.compile(r"\s+")
# "select one from yesno", "select all that apply from list yesno" (old syntax).
_OLD_SELECT = re.compile(
    r"^select[ _](one|multiple|all that apply)[ _]from[ _](?:list[ _])?(\S+)$", re.I
)
_FILE_LIST = re.compile(r"\.(csv|xml|geojson)$", re.I)


def max_bytes() -> int:
    return getattr(settings, "SURVEYS_XLSFORM_MAX_BYTES", 10 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "SURVEYS_XLSFORM_MAX_ROWS", 20_000)


class WorkbookError(Exception):
    """The file cannot be read as an XLSForm; `messages` says why (message dicts)."""

    def __init__(self, *messages: Message) -> None:
        super().__init__(messages)
        self.messages = list(messages)


@dataclass
class Workbook:
    """Sheets by lower-case name: rows (dicts, row 2 of the sheet first) and headers."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    # The sheet names as the author wrote them, by lower-case name ("survey" → "SURVEY").
    sheet_names: dict[str, str] = field(default_factory=dict)
    # Form titles by language code, from form_title and form_title::<language> (our extension).
    titles: dict[str, str] = field(default_factory=dict)
    notices: list[Message] = field(default_factory=list)

    def sheet(self, name: str) -> str:
        return self.sheet_names.get(name, name)

    @property
    def settings_row(self) -> dict[str, str]:
        rows = self.rows.get("settings") or []
        return rows[0] if rows else {}

    def to_pyxform(self) -> dict[str, Any]:
        data: dict[str, Any] = {"sheet_names": list(self.sheet_names.values())}
        for name, rows in self.rows.items():
            data[name] = rows
            data[f"{name}_header"] = [dict.fromkeys(self.headers[name])]
        return data


def header(raw: Any) -> str | None:
    """'LABEL::English (en) ' → 'label::English (en)'; 'label:Thai' → 'label::Thai'."""
    if raw is None:
        return None
    text = _SPACES.sub(" ", str(raw).strip())
    if not text:
        return None
    if "::" in text:
        *parts, language = text.split("::")
        return "::".join([*(p.strip().lower() for p in parts), language.strip()])
    head, colon, rest = text.partition(":")
    if colon and head.strip().lower() in _TRANSLATABLE:
        return f"{head.strip().lower()}::{rest.strip()}"
    return text.lower()


def _clean_row(sheet: str, row: dict[str, str]) -> dict[str, str]:
    for key, value in row.items():
        base = key.split("::")[0]
        if base in EXPRESSION_COLUMNS or base.startswith("bind::"):
            row[key] = value.translate(_QUOTES)
    kind = row.get("type")
    if sheet == "survey" and kind:
        kind = _SPACES.sub(" ", kind)
        match = _OLD_SELECT.match(kind)
        if match:
            many = match.group(1).lower() != "one"
            target = match.group(2)
            prefix = "select_multiple" if many else "select_one"
            suffix = "_from_file" if _FILE_LIST.search(target) else ""
            kind = f"{prefix}{suffix} {target}"
        row["type"] = kind
    return row


class _SheetReader:
    """Turns streamed rows of cell values into row dicts, keeping inner empty rows."""

    def __init__(self, sheet: str, shown_name: str) -> None:
        self.sheet = sheet
        self.shown_name = shown_name
        self.headers: list[str | None] = []
        self.rows: list[dict[str, str]] = []
        self._empty_run = 0

    def set_headers(self, values: tuple) -> None:
        seen: set[str] = set()
        for column, raw in enumerate(values[:MAX_COLUMNS]):
            name = header(raw)
            if name and name in seen:
                raise WorkbookError(
                    message(
                        "surveys.xlsform.at_row",
                        sheet=self.shown_name,
                        row=1,
                        reason=message("surveys.xlsform.duplicate_column", column=name),
                        detail=f"column {column + 1}",
                    )
                )
            if name:
                seen.add(name)
            self.headers.append(name)

    def add(self, values: tuple, to_text) -> bool:
        """Add one row; False once the sheet has ended (a long run of empty rows)."""
        row: dict[str, str] = {}
        for column, key in enumerate(self.headers):
            if key is None or column >= len(values):
                continue
            text = to_text(values[column])
            if text:
                row[key] = text
        if not row:
            self._empty_run += 1
            return self._empty_run <= EMPTY_RUN_LIMIT
        # Empty rows between real ones are kept: pyxform's row numbers stay the sheet's.
        self.rows.extend({} for _ in range(self._empty_run))
        self._empty_run = 0
        self.rows.append(_clean_row(self.sheet, row))
        if len(self.rows) > max_rows():
            raise WorkbookError(
                message("surveys.xlsform.too_many_rows", sheet=self.shown_name, limit=max_rows())
            )
        return True


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip()
        return value.replace("\xa0", " ")
    return xlsx_value_to_str(value).strip()


def _sheet_key(name: str, count: int) -> str | None:
    key = name.strip().lower()
    if key in SUPPORTED_SHEETS:
        return key
    # As pyxform: a workbook of one sheet is the survey, whatever its name.
    return constants.SURVEY if count == 1 else None


def _read_xlsx(data: bytes, book: Workbook) -> None:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise WorkbookError(message("surveys.xlsform.unreadable", detail=str(error))) from error
    try:
        names = wb.sheetnames
        for name in names:
            key = _sheet_key(name, len(names))
            if key is None or key in book.rows:
                continue
            ws = wb[name]
            # The declared dimension (A1:XFD1048576 from some tools) is ignored: the rows
            # and cells really present are read.
            ws.reset_dimensions()
            reader = _SheetReader(key, name)
            for index, values in enumerate(ws.iter_rows(values_only=True)):
                if index == 0:
                    reader.set_headers(values)
                    continue
                if not reader.add(values, _xlsx_text):
                    break
            book.sheet_names[key] = name
            book.headers[key] = [h for h in reader.headers if h]
            book.rows[key] = reader.rows
    finally:
        wb.close()
    _version_formula(data, book)


def _version_formula(data: bytes, book: Workbook) -> None:
    """A `version` cell holding a formula (=NOW(), =TEXT(NOW(),"yyyymmddhhmm")) whose value was
    never computed (the file was not saved by a spreadsheet program) reads as empty: read
    the formula, and give the version a timestamp as the formula means to, saying so."""
    if "settings" not in book.rows or "version" not in book.headers.get("settings", []):
        return
    if book.settings_row.get("version"):
        return
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = wb[book.sheet_names["settings"]]
        ws.reset_dimensions()
        rows = ws.iter_rows(min_row=1, max_row=2, values_only=True)
        heads = [header(v) for v in next(rows, ())]
        values = next(rows, ())
    finally:
        wb.close()
    if "version" not in heads:
        return
    raw = values[heads.index("version")] if heads.index("version") < len(values) else None
    if isinstance(raw, str) and raw.strip().startswith("="):
        version = timezone.now().strftime("%Y%m%d%H%M%S")
        if not book.rows["settings"]:
            book.rows["settings"].append({})
        book.rows["settings"][0]["version"] = version
        book.notices.append(
            message("surveys.xlsform.version_formula", formula=raw.strip(), version=version)
        )


def _read_xls(data: bytes, book: Workbook) -> None:
    import xlrd

    try:
        wb = xlrd.open_workbook(file_contents=data, on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, TypeError, AssertionError) as error:
        raise WorkbookError(message("surveys.xlsform.unreadable", detail=str(error))) from error
    try:
        names = wb.sheet_names()
        for name in names:
            key = _sheet_key(name, len(names))
            if key is None or key in book.rows:
                continue
            ws = wb.sheet_by_name(name)
            reader = _SheetReader(key, name)

            def to_text(cell, wb=wb) -> str:
                if cell is None or cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    return ""
                value = cell.value.strip() if isinstance(cell.value, str) else cell.value
                if value == "":
                    return ""
                return xls_value_to_unicode(value, cell.ctype, wb.datemode).strip()

            for index in range(ws.nrows):
                cells = tuple(ws.row(index)[:MAX_COLUMNS])
                if index == 0:
                    reader.set_headers(tuple(c.value for c in cells))
                    continue
                if not reader.add(cells, to_text):
                    break
            book.sheet_names[key] = name
            book.headers[key] = [h for h in reader.headers if h]
            book.rows[key] = reader.rows
    finally:
        wb.release_resources()


def _titles(book: Workbook) -> None:
    """form_title (default) and form_title::Thai (th)…: kept, and the translated ones taken
    out of the settings pyxform reads (it does not know them)."""
    from mahalla.surveys.xform_fields import language_code

    row = book.settings_row
    for key in list(row):
        if key == "form_title":
            book.titles["default"] = row[key]
        elif key.startswith("form_title::"):
            book.titles[language_code(key.split("::", 1)[1])] = row.pop(key)
    if "settings" in book.headers:
        book.headers["settings"] = [
            h for h in book.headers["settings"] if not h.startswith("form_title::")
        ]


def read(data: bytes, file_name: str) -> Workbook:
    """The workbook in `data` (.xlsx or legacy .xls, told apart by content), normalised."""
    if len(data) > max_bytes():
        raise WorkbookError(message("surveys.xlsform.too_large", limit=max_bytes()))
    book = Workbook()
    if data[:4] == b"PK\x03\x04":
        _read_xlsx(data, book)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        _read_xls(data, book)
    else:
        raise WorkbookError(message("surveys.xlsform.not_a_workbook", name=file_name))
    if constants.SURVEY not in book.rows:
        raise WorkbookError(message("surveys.xlsform.no_survey_sheet"))
    _titles(book)
    return book
