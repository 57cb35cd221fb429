"""Expected counts per area read from a CSV file: decode, find the columns, match the areas.

Upload → check → confirm: `read_targets` never writes. It decodes the bytes (UTF-8 with or
without BOM, else Windows-874 or Windows-1256 as places' DBF guess tells them apart), finds
a code or name column and an expected column (headers in en/th/fa), reads numbers in any
digits, and matches each row to one area of the campaign's subtree by code (ASCII digits)
or by folded name (places' `name_key`). Every bad row is named with a message; the caller
writes only when there are none.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from mahalla.core.i18n.digits import parse_number, to_ascii_digits
from mahalla.core.i18n.text import normalize_search
from mahalla.core.jobs.messages import Message, message, names
from mahalla.places.boundary_imports.compare import name_key
from mahalla.places.geofiles.dbf_encoding import ARABIC, THAI, UTF8, guess_dbf_encoding
from mahalla.places.models import Area

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
# Folded header words (normalize_search) for each column.
CODE_HEADERS = {"code", "area code", "area_code", "รหัส", "รหัสพื้นที่", "کد", "کد محدوده"}
NAME_HEADERS = {"name", "area", "area name", "area_name", "ชื่อ", "ชื่อพื้นที่", "ชุมชน", "نام", "محله"}
EXPECTED_HEADERS = {
    "expected",
    "count",
    "target",
    "households",
    "จำนวน",
    "เป้าหมาย",
    "จำนวนครัวเรือน",
    "تعداد",
    "هدف",
    "تعداد خانوار",
}


@dataclass
class TargetRow:
    row: int  # the line number in the file (the header is line 1)
    area: Area
    expected: int
    current: int | None = None  # the target the area has now (for the preview)


@dataclass
class TargetFile:
    encoding: str = ""
    rows: list[TargetRow] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of a CSV file's bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode(UTF8, errors="replace"), "utf-8-sig"
    lines = [line for line in raw.splitlines() if line.strip()][:200]
    encoding = guess_dbf_encoding(lines)
    if encoding not in (UTF8, THAI, ARABIC):
        encoding = UTF8
    return raw.decode(encoding, errors="replace"), encoding


def _header_key(value: str) -> str:
    return normalize_search((value or "").strip().strip("\ufeff"))


def _columns(header: list[str]) -> tuple[int | None, int | None, int | None]:
    code = name = expected = None
    folded = (
        {normalize_search(h) for h in CODE_HEADERS},
        {normalize_search(h) for h in NAME_HEADERS},
        {normalize_search(h) for h in EXPECTED_HEADERS},
    )
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if code is None and key in folded[0]:
            code = index
        elif name is None and key in folded[1]:
            name = index
        elif expected is None and key in folded[2]:
            expected = index
    return code, name, expected


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


class AreaIndex:
    """The areas of one subtree by code and by folded name in each language."""

    def __init__(self, areas: list[Area]) -> None:
        self.by_code: dict[str, list[Area]] = defaultdict(list)
        self.by_name: dict[str, dict[int, Area]] = defaultdict(dict)
        for area in areas:
            if area.code:
                self.by_code[to_ascii_digits(area.code, separators=False).casefold()].append(area)
            for value in (area.name_en, area.name_th, area.name_fa):
                if key := name_key(value):
                    self.by_name[key][area.pk] = area

    def find(self, code: str, name: str) -> tuple[Area | None, int]:
        """(the area, 0) or (None, how many have that name: 0 unknown, >1 ambiguous)."""
        if code:
            found = self.by_code.get(to_ascii_digits(code, separators=False).casefold(), [])
            if len(found) == 1:
                return found[0], 0
            if len(found) > 1:
                return None, len(found)
        if name:
            found_by_name = list(self.by_name.get(name_key(name), {}).values())
            if len(found_by_name) == 1:
                return found_by_name[0], 0
            return None, len(found_by_name)
        return None, 0


def _expected(value: str) -> int | None:
    try:
        number = parse_number(value.strip())
    except (ValueError, ArithmeticError):
        return None
    if number < 0 or number != number.to_integral_value() or number > 2**31 - 1:
        return None
    return int(number)


def read_targets(raw: bytes, *, root: Area) -> TargetFile:
    """The targets a CSV file gives for areas beneath (or being) `root`."""
    result = TargetFile()
    if len(raw) > MAX_BYTES:
        result.errors.append(message("surveys.target_csv_too_big", megabytes=MAX_BYTES // 2**20))
        return result
    text, result.encoding = decode(raw)
    try:
        table = list(csv.reader(io.StringIO(text), _dialect(text)))
    except csv.Error:
        result.errors.append(message("surveys.target_csv_unreadable"))
        return result
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        result.errors.append(message("surveys.target_csv_empty"))
        return result
    code_col, name_col, expected_col = _columns(table[0])
    if expected_col is None or (code_col is None and name_col is None):
        result.errors.append(message("surveys.target_csv_no_columns"))
        return result
    if len(table) == 1:
        result.errors.append(message("surveys.target_csv_empty"))
        return result
    if len(table) - 1 > MAX_ROWS:
        result.errors.append(message("surveys.target_csv_too_many", limit=MAX_ROWS))
        return result
    areas = Area.objects.filter(path__startswith=root.path).only(
        "pk", "code", "name_en", "name_th", "name_fa", "path"
    )
    index = AreaIndex(list(areas))
    seen: dict[int, int] = {}
    for number, cells in enumerate(table[1:], start=2):

        def cell(col: int | None, cells: list[str] = cells) -> str:
            return cells[col].strip() if col is not None and col < len(cells) else ""

        code, name, value = cell(code_col), cell(name_col), cell(expected_col)
        if not code and not name:
            result.errors.append(message("surveys.target_row_no_area", row=number))
            continue
        area, count = index.find(code, name)
        expected = _expected(value)
        if area is None:
            code_wins = code and (count == 0 or not name)
            shown = code if code_wins else name
            if count > 1:
                result.errors.append(
                    message("surveys.target_row_ambiguous", row=number, value=shown, count=count)
                )
            else:
                result.errors.append(message("surveys.target_row_unknown", row=number, value=shown))
        if expected is None:
            result.errors.append(message("surveys.target_row_bad_number", row=number, value=value))
        if area is None or expected is None:
            continue
        if area.pk in seen:
            result.errors.append(
                message(
                    "surveys.target_row_repeated", row=number, area=names(area), first=seen[area.pk]
                )
            )
            continue
        seen[area.pk] = number
        result.rows.append(TargetRow(row=number, area=area, expected=expected))
    return result
