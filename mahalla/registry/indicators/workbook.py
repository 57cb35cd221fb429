"""Every table of a dashboard as a sheet of one XLSX workbook, in the reader's language."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from mahalla.registry.indicators.compute import Indicators

SHEET_NAME_MAX = 31  # Excel's limit
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_name(title: str, used: set[str]) -> str:
    base = str(title).translate(_FORBIDDEN).strip()[:SHEET_NAME_MAX] or "table"
    name, index = base, 2
    while name.lower() in used:
        suffix = f" {index}"
        name, index = base[: SHEET_NAME_MAX - len(suffix)] + suffix, index + 1
    used.add(name.lower())
    return name


def workbook(result: Indicators) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    used: set[str] = set()
    sheets = [("by_area", _("By area"), [_("area"), _("communities"), _("households"),
               _("people"), _("slum households")],
               [[c["area"].name, c["communities"], c["households"], c["people"], c["slum"]]
                for c in result.by_child.values()])]  # fmt: skip
    for table in result.tables:
        rows = [[str(row.label), *row.values] for row in table.rows]
        sheets.append((table.key, table.title, ["", *table.columns], rows))
    for _key, title, header, rows in sheets:
        sheet = book.add_worksheet(_sheet_name(str(title), used))
        if get_language_bidi():
            sheet.right_to_left()
        sheet.write_row(0, 0, [str(h) for h in header], bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row)
        sheet.set_column(0, 0, 40)
    book.close()
    return out.getvalue()
