"""The tables of an export, as ODK Central's csv.zip lays them out, and their cells.

The main table holds one row per submission: `SubmissionDate`, then every question outside a
repeat (groups flattened into names like `house-tenure`, a geopoint split into `-Latitude`,
`-Longitude`, `-Altitude`, `-Accuracy`), then `KEY` (the submission's instanceID) and the
submission's facts. Each repeat has its own table: its questions (paths relative to the
repeat), then `PARENT_KEY` and `KEY`, a key such as `uuid:…/members[2]` (nested repeats:
`uuid:…/members[2]/children[1]`), so the tables join as Central's do.

Questions come from every version of the form (the newest version's order first), read from
`FormVersion.fields`; cells from `SubmissionVersion.data` (the parsed JSON contract).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

GROUP = "group"
REPEAT = "repeat"
SELECT_ONE = {"select one", "select one from file", "select_one"}
SELECT_MULTIPLE = {"select all that apply", "select all that apply from file", "select_multiple"}
GEOPOINT = "geopoint"
GEO_LINES = {"geotrace", "geoshape"}
GEO_TYPES = {GEOPOINT, *GEO_LINES}
GEOPOINT_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")
# Column names of the main table's facts, after the questions (as Central names them).
MAIN_TAIL = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
    "AreaCode",
    "AreaName",
    "Campaign",
)


@dataclass(frozen=True)
class Options:
    """How cells and headers are written (the export page's choices)."""

    language: str = "default"  # th, fa, en, or the form's default
    labels: bool = False  # choice labels instead of choice names
    header_labels: bool = False  # question labels instead of names in the header
    split_multiple: bool = False  # one 0/1 column per choice of a select_multiple


def label_in(labels: dict, language: str, fallback: str) -> str:
    """The label in `language`, else the form's default, English, any; else `fallback`."""
    if not labels:
        return fallback
    for code in (language, "default", "en"):
        if labels.get(code):
            return labels[code]
    return next((text for text in labels.values() if text), fallback)


@dataclass
class Column:
    """One question of a table: where its value sits, and the header cells it fills."""

    question: dict
    steps: tuple[str, ...]  # keys from the table's object (a repeat item or the root)
    headers: list[str]
    format: Callable[[Any], list[str]]


@dataclass
class Table:
    path: str  # "" for the main table, else the repeat's path, e.g. "/members"
    name: str  # the repeat's name ("" for main)
    steps: tuple[str, ...] = ()  # keys from the parent table's object to this repeat's list
    parent: Table | None = None
    columns: list[Column] = field(default_factory=list)
    children: list[Table] = field(default_factory=list)
    file_stem: str = ""
    sheet: str = ""

    @property
    def is_main(self) -> bool:
        return not self.path

    def header(self) -> list[str]:
        cells = ["SubmissionDate"] if self.is_main else []
        for column in self.columns:
            cells.extend(column.headers)
        cells.extend(MAIN_TAIL if self.is_main else ("PARENT_KEY", "KEY"))
        return cells

    def width(self) -> int:
        return sum(len(c.headers) for c in self.columns)

    def cells(self, obj: Any) -> list[str]:
        """The question cells of one object (a repeat item, or the data root)."""
        out: list[str] = []
        extend = out.extend
        for column in self.columns:
            value = obj
            for step in column.steps:
                value = value.get(step) if value.__class__ is dict else None
                if value is None:
                    break
            extend(column.format(value))
        return out

    def instances(self, data: Any, key: str) -> Iterator[tuple[str, str, dict]]:
        """(KEY, PARENT_KEY, item) of every item of this repeat in one submission's data."""
        if self.parent is None:
            return
        if self.parent.is_main:
            parents: Iterator[tuple[str, str, Any]] = iter([(key, "", data)])
        else:
            parents = self.parent.instances(data, key)
        groups = "".join(f"/{step}" for step in self.steps[:-1])
        for parent_key, _grand, obj in parents:
            items: Any = obj
            for step in self.steps:
                items = items.get(step) if isinstance(items, dict) else None
            if isinstance(items, dict):
                items = [items]  # one item parsed without its list
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    yield f"{parent_key}{groups}/{self.name}[{index}]", parent_key, item


def merged_fields(versions_fields: list[list[dict]]) -> list[dict]:
    """The questions of every version by path: the newest version's order, then older extras."""
    seen: dict[str, dict] = {}
    for fields in versions_fields:
        for question in fields:
            seen.setdefault(question["path"], question)
    return list(seen.values())


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _number(value)
    return json.dumps(value, ensure_ascii=False)


def _odk_points(coordinates: list) -> str:
    """GeoJSON positions back to ODK's "lat lon alt acc;…" text, as Central exports lines."""
    parts = []
    for position in coordinates:
        if not isinstance(position, list | tuple) or len(position) < 2:
            continue
        lon, lat, *rest = position
        parts.append(" ".join(_number(v) for v in (lat, lon, *(rest[:1] or [0]), 0)))
    return ";".join(parts)


def _plain_cell(value: Any) -> list[str]:
    return [value if value.__class__ is str else _plain(value)]


def _geo_text(value: Any) -> str:
    if not isinstance(value, dict):
        return _plain(value)
    coordinates = value.get("coordinates") or []
    if value.get("type") == "Polygon":
        coordinates = coordinates[0] if coordinates else []
    return _odk_points(coordinates)


def _geopoint_cells(value: Any) -> list[str]:
    if isinstance(value, dict) and isinstance(value.get("coordinates"), list | tuple):
        coordinates = list(value["coordinates"]) + [None, None, None]
        lon, lat, alt = coordinates[:3]
        accuracy = value.get("accuracy")
        return [_plain(lat), _plain(lon), _plain(alt), _plain(accuracy)]
    if isinstance(value, str) and value.strip():  # unparsed ODK text "lat lon alt acc"
        parts = (value.split() + ["", "", "", ""])[:4]
        return parts
    return ["", "", "", ""]


def _formatter(question: dict, options: Options) -> tuple[Callable[[Any], list[str]], list[str]]:
    """The cell formatter of one question and the suffixes of its extra columns."""
    kind = question.get("type", "")
    choices = question.get("choices") or []
    if kind == GEOPOINT:
        return _geopoint_cells, [f"-{part}" for part in GEOPOINT_PARTS]
    if kind in GEO_LINES:
        return (lambda value: [_geo_text(value)]), [""]
    if kind in SELECT_ONE:
        if options.labels:
            names = {c["name"]: label_in(c["labels"], options.language, c["name"]) for c in choices}
            return (lambda value: ["" if value is None else names.get(value, _plain(value))]), [""]
        return _plain_cell, [""]
    if kind in SELECT_MULTIPLE:
        names = {c["name"]: label_in(c["labels"], options.language, c["name"]) for c in choices}
        split = [c["name"] for c in choices] if options.split_multiple else []

        def select_multiple(value: Any) -> list[str]:
            if value is None:
                return [""] * (1 + len(split))
            chosen = value if isinstance(value, list) else str(value).split()
            chosen = [str(v) for v in chosen]
            if options.labels:
                text = ", ".join(names.get(v, v) for v in chosen)
            else:
                text = " ".join(chosen)
            picked = set(chosen)
            return [text, *("1" if name in picked else "0" for name in split)]

        return select_multiple, ["", *(f"/{name}" for name in split)]
    return _plain_cell, [""]


def _header_names(
    question: dict, steps: tuple[str, ...], labels_of: dict[str, dict], options: Options
) -> str:
    if not options.header_labels:
        return "-".join(steps)
    return label_in(question.get("labels") or {}, options.language, question["name"])


def _split_header(suffix: str, question: dict, options: Options) -> str:
    """The header suffix of an extra column (geopoint part, choice), labelled if asked."""
    if not options.header_labels or not suffix:
        return suffix
    if suffix.startswith("/"):
        name = suffix[1:]
        for choice in question.get("choices") or []:
            if choice["name"] == name:
                return f" - {label_in(choice['labels'], options.language, name)}"
        return f" - {name}"
    return f" - {suffix[1:]}"


def build_tables(fields: list[dict], form_id: str, options: Options) -> Table:
    """The main table, with every repeat's table beneath it (depth-first, form order)."""
    main = Table(path="", name="")
    by_path: dict[str, Table] = {"": main}
    labels_of = {q["path"]: q for q in fields}
    for question in fields:
        kind = question.get("type", "")
        parent = by_path.get(question.get("repeat", ""))
        if parent is None:
            continue  # inside a repeat we skipped
        steps = _relative_steps(question["path"], parent.path)
        if kind == REPEAT:
            table = Table(path=question["path"], name=question["name"], steps=steps, parent=parent)
            parent.children.append(table)
            by_path[question["path"]] = table
            continue
        if kind == GROUP:
            continue
        format_cells, suffixes = _formatter(question, options)
        base = _header_names(question, steps, labels_of, options)
        headers = [base + _split_header(s, question, options) for s in suffixes]
        parent.columns.append(Column(question, steps, headers, format_cells))
    _name_tables(main, form_id)
    return main


def _relative_steps(path: str, table_path: str) -> tuple[str, ...]:
    rest = path[len(table_path) :] if table_path and path.startswith(table_path + "/") else path
    return tuple(step for step in rest.split("/") if step)


def walk(table: Table) -> Iterator[Table]:
    """The table and every table beneath it, depth-first (Central's order)."""
    yield table
    for child in table.children:
        yield from walk(child)


_UNSAFE = re.compile(r"[^\w.\-~]+", re.ASCII)
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _name_tables(main: Table, form_id: str) -> None:
    """File stems as Central names them (`<form>-<repeat>`, `~N` for clashing repeat names)
    and sheet names Excel accepts (at most 31 characters, unique, none of []:*?/\\)."""
    stem = _UNSAFE.sub("_", form_id).strip("._") or "export"
    main.file_stem = stem
    tables = list(walk(main))[1:]
    totals: dict[str, int] = {}
    for table in tables:
        totals[table.name] = totals.get(table.name, 0) + 1
    counts: dict[str, int] = {}
    for table in tables:
        name = _UNSAFE.sub("_", table.name)
        if totals[table.name] > 1:
            counts[table.name] = counts.get(table.name, 0) + 1
            name = f"{name}~{counts[table.name]}"
        table.file_stem = f"{stem}-{name}"
    used: set[str] = set()
    for table in [main, *tables]:
        wanted = _SHEET_UNSAFE.sub("_", table.name or form_id).strip("'") or "data"
        sheet = wanted[:31]
        number = 1
        while sheet.lower() in used:
            number += 1
            tail = f"~{number}"
            sheet = wanted[: 31 - len(tail)] + tail
        used.add(sheet.lower())
        table.sheet = sheet
