"""The XLSX workbook: one sheet per table, written row by row (xlsxwriter, constant memory).

A workbook cannot be streamed (its parts are written at the end), so it is built by a job
into a temporary file and stored; xlsxwriter's constant_memory mode keeps one row in memory.
Text is written as text (a cell starting with "=" is never a formula); numbers as numbers.
"""

from __future__ import annotations

from typing import Any

import xlsxwriter

from mahalla.surveys.exports.build import Export, Progress, table_rows
from mahalla.surveys.exports.tables import GEOPOINT, Table

NUMERIC = {"integer", "decimal", "range"}


def _numeric_columns(table: Table) -> set[int]:
    out: set[int] = set()
    index = 1 if table.is_main else 0
    for column in table.columns:
        kind = column.question.get("type")
        if kind in NUMERIC or kind == GEOPOINT:
            out.update(range(index, index + len(column.headers)))
        index += len(column.headers)
    return out


def write_xlsx(export: Export, target: Any, progress: Progress | None = None) -> None:
    """Write the workbook to `target` (a path or a binary file opened for writing)."""
    workbook = xlsxwriter.Workbook(
        target, {"constant_memory": True, "strings_to_formulas": False, "in_memory": False}
    )
    bold = workbook.add_format({"bold": True})
    for table in export.tables:
        sheet = workbook.add_worksheet(table.sheet)
        sheet.write_row(0, 0, table.header(), bold)
        numeric = _numeric_columns(table)
        for row_number, row in enumerate(table_rows(export, table, progress), start=1):
            for col, value in enumerate(row):
                if not value:
                    continue
                if col in numeric:
                    try:
                        sheet.write_number(row_number, col, float(value))
                        continue
                    except ValueError:
                        pass
                sheet.write_string(row_number, col, value)
    workbook.close()
