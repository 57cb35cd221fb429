"""pyxform's errors and warnings as our messages: a translated sentence naming the sheet and the
row, with pyxform's own English text kept beside it as the detail.

pyxform writes "[row : 5] On the 'survey' sheet, the 'name' value 'a' is invalid…"; newer
errors also carry a code and context (sheet, row, column). Some name no row ("Unknown question
type 'foo'."): the row is then found in the workbook by the value the message quotes.
"""

from __future__ import annotations

import re
from typing import Any

from mahalla.core.jobs.messages import Message, message
from mahalla.surveys.forms.workbook import Workbook

_ROW = re.compile(r"\[row\s*:\s*(\d+)\]", re.I)
_SHEET = re.compile(r"On the '([^']+)' sheet", re.I)
_COLUMN = re.compile(r"the '([^']+)' value", re.I)
_QUOTED = re.compile(r"'([^']+)'")

# (pattern of pyxform's text, our message code, what the first capture group is called).
_KNOWN: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"Unknown question type '([^']+)'", re.I), "surveys.xlsform.unknown_type", "value"),
    (re.compile(r"Unmatched '(?:begin|end)[ _](group|repeat)'", re.I), "", ""),
    (
        re.compile(r"the 'name' value '([^']+)' is invalid\. Questions, groups", re.I),
        "surveys.xlsform.duplicate_name",
        "value",
    ),
    (re.compile(r"the 'name' value is invalid\. Names must", re.I), "surveys.xlsform.bad_name", ""),
    (
        re.compile(r"List name not in choices sheet: (\S+)", re.I),
        "surveys.xlsform.missing_list",
        "value",
    ),
    (
        re.compile(r"There should be a choices sheet", re.I),
        "surveys.xlsform.no_choices_sheet",
        "",
    ),
    (
        re.compile(r"Reference variables must contain a name .* Could not find the name '([^']+)'"),
        "surveys.xlsform.bad_reference",
        "value",
    ),
    (
        re.compile(r"named '([^']+)' has no label", re.I),
        "surveys.xlsform.missing_label",
        "value",
    ),
    (
        re.compile(r"You must have a sheet named 'survey'", re.I),
        "surveys.xlsform.no_survey_sheet",
        "",
    ),
    (
        re.compile(r"required column headers were not found: '([^']+)'", re.I),
        "surveys.xlsform.missing_column",
        "column",
    ),
    (re.compile(r"Missing calculation", re.I), "surveys.xlsform.missing_calculation", ""),
    (
        re.compile(r"Duplicate column header: (.+)$", re.I),
        "surveys.xlsform.duplicate_column",
        "column",
    ),
]
_WARNINGS: list[tuple[re.Pattern, str, str]] = [
    (
        re.compile(r"Language '([^']+)' is missing the (\S+) (\S+) column", re.I),
        "surveys.xlsform.warn_missing_translation",
        "language",
    ),
    (re.compile(r"max-pixels", re.I), "surveys.xlsform.warn_max_pixels", ""),
    (
        re.compile(r"do not contain valid machine-readable codes: (.+?)\. Learn", re.I),
        "surveys.xlsform.warn_language_codes",
        "languages",
    ),
]


def _find_row(book: Workbook | None, sheet: str, text: str) -> int | None:
    """The spreadsheet row whose type or name is a value the message quotes."""
    if book is None:
        return None
    rows = book.rows.get(sheet) or []
    for value in _QUOTED.findall(text):
        for index, row in enumerate(rows):
            if value in (row.get("type"), row.get("name")) or (
                row.get("type", "").endswith(f" {value}")
            ):
                return index + 2
    return None


def _reason(text: str, patterns) -> tuple[Message, dict[str, Any]]:
    for pattern, code, name in patterns:
        match = pattern.search(text)
        if not match:
            continue
        if not code:  # unmatched begin/end of a group or repeat
            opened = "begin" in text.lower().split("no matching")[0]
            kind = match.group(1).lower()
            code = "surveys.xlsform.unclosed" if opened else "surveys.xlsform.unopened"
            return message(code, kind=kind), {}
        params = {name: match.group(1).strip()} if name and match.groups() else {}
        if code == "surveys.xlsform.warn_missing_translation":
            params["column"] = match.group(3)
        return message(code, **params), params
    return message("surveys.xlsform.other"), {}


def _locate(
    reason: Message, text: str, book: Workbook | None, context: dict, default_sheet: str
) -> Message:
    row = context.get("row")
    match = _ROW.search(text)
    if row is None and match:
        row = int(match.group(1))
    sheet = context.get("sheet")
    sheet_match = _SHEET.search(text)
    if sheet is None and sheet_match:
        sheet = sheet_match.group(1)
    code = reason["code"]
    if sheet is None:
        if code in ("surveys.xlsform.missing_list", "surveys.xlsform.bad_reference"):
            sheet = "survey"
        elif code == "surveys.xlsform.no_choices_sheet":
            sheet = "choices"
        elif code in ("surveys.xlsform.no_survey_sheet",):
            sheet = ""
        else:
            sheet = default_sheet
    column = context.get("column")
    column_match = _COLUMN.search(text)
    if column is None and column_match:
        column = column_match.group(1)
    if column and code == "surveys.xlsform.bad_reference":
        reason["params"]["column"] = column
    if row is None and sheet:
        row = _find_row(book, sheet, text)
    shown = book.sheet(sheet) if (book is not None and sheet) else sheet
    detail = text.strip()
    if row is not None and shown:
        return message(
            "surveys.xlsform.at_row", sheet=shown, row=int(row), reason=reason, detail=detail
        )
    if shown:
        return message("surveys.xlsform.at_sheet", sheet=shown, reason=reason, detail=detail)
    return message("surveys.xlsform.in_form", reason=reason, detail=detail)


def from_error(error: Exception, book: Workbook | None) -> Message:
    """One pyxform error as a message."""
    text = str(error)
    context = dict(getattr(error, "context", None) or {})
    reason, _params = _reason(text, _KNOWN)
    return _locate(reason, text, book, context, "survey")


def from_warnings(warnings: list[str], book: Workbook | None) -> list[Message]:
    """pyxform's warnings (a warning may hold several lines) as messages."""
    out: list[Message] = []
    for warning in warnings:
        for line in str(warning).splitlines():
            if not line.strip():
                continue
            reason, _params = _reason(line, _WARNINGS)
            if reason["code"] == "surveys.xlsform.other":
                reason = message("surveys.xlsform.warn_other")
            out.append(_locate(reason, line, book, {}, "survey"))
    return out
