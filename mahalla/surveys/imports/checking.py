"""Checking an export against a form version and building each submission's XML. No writes.

The same function serves the check (counts and problems for the preview) and the write
(rebuilt from the stored file, so what is written is what the file says).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from mahalla.core.jobs.messages import Message, message
from mahalla.core.uploads.storage import UploadError
from mahalla.surveys.imports import columns as cols
from mahalla.surveys.imports import grouped, instance_xml, values
from mahalla.surveys.imports.readers import CENTRAL, KOBO, Dataset, Table
from mahalla.surveys.openrosa.instance import binary_paths, read_instance

MAX_PROBLEMS = 500
# Deterministic instance IDs for plain tables: the same file and row give the same ID.
TABLE_NAMESPACE = uuid.UUID("4f1d1a52-3b0c-4d0e-9a57-6d61686c6c61")


@dataclass
class Checked:
    records: list[tuple[int, str, bytes]] = field(default_factory=list)  # row, id, xml
    problems: list[dict] = field(default_factory=list)
    bad_rows: int = 0
    repeat_rows: int = 0
    total: int = 0
    more_problems: int = 0
    # instance ID → the files its XML names (photo questions…), and how many of those the
    # uploaded zip holds; the rest are listed as missing, as for a phone's submission.
    attachments: dict[str, list[str]] = field(default_factory=dict)
    attachments_found: int = 0
    attachments_missing: int = 0

    def add(self, table: Table | str, row: int, column: str, problem: Message) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.more_problems += 1
            return
        name = table if isinstance(table, str) else table.name
        self.problems.append({"sheet": name, "row": row, "column": column, "message": problem})

    def stored_problems(self) -> list[dict]:
        extra = []
        if self.more_problems:
            extra = [{"message": message("surveys.import_more_problems", count=self.more_problems)}]
        return self.problems + extra


def derived_id(file_sha256: str, row: int | str) -> str:
    return f"uuid:{uuid.uuid5(TABLE_NAMESPACE, f'{file_sha256}:{row}')}"


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


class _RowReader:
    """Reads one table's rows into Nodes through a {column: target} mapping."""

    def __init__(self, table: Table, fields: list[dict], mapping: dict[str, str], box: Any):
        self.table = table
        self.box = box
        by_path = {f["path"]: f for f in fields}
        self.plain: list[tuple[int, str, dict]] = []
        self.points: dict[str, dict[str, int]] = {}
        for column, target in mapping.items():
            index = table.column(column)
            path, part = cols.split_target(target)
            question = by_path.get(path)
            if index is None or question is None or path == cols.INSTANCE_ID:
                continue
            if question["type"] == "geopoint":
                self.points.setdefault(path, {})[part or "point"] = index
            else:
                self.plain.append((index, column, question))
        self.by_path = by_path

    def read(self, row: list[str], number: int, checked: Checked) -> tuple[instance_xml.Node, bool]:
        node = instance_xml.Node()
        ok = True
        for index, column, question in self.plain:
            text, problem = values.convert(question, _cell(row, index))
            if problem:
                checked.add(self.table, number, column, problem)
                ok = False
            elif text:
                node.values[question["path"]] = text
        for path, parts in self.points.items():
            given = {part: _cell(row, index) for part, index in parts.items()}
            text, problem = values.geopoint(self.by_path[path], given, self.box)
            if problem:
                first = parts.get("point", parts.get("lat", next(iter(parts.values()))))
                column = self.table.columns[first]
                checked.add(self.table, number, column, problem)
                ok = False
            elif text:
                node.values[path] = text
        return node, ok


def _instance_column(dataset: Dataset, mapping: dict[str, str]) -> tuple[int | None, str]:
    for column, target in mapping.items():
        if target == cols.INSTANCE_ID:
            return dataset.main.column(column), column
    fallback = {CENTRAL: "KEY", KOBO: "_uuid"}.get(dataset.kind)
    if fallback:
        return dataset.main.column(fallback), fallback
    return None, ""


def _repeat_for(table: Table, dataset: Dataset, fields: list[dict]) -> dict | None:
    repeats = [f for f in fields if f["type"] == "repeat"]
    name = Path(table.name).stem
    if dataset.kind == CENTRAL:
        prefix = Path(dataset.main.name).stem + "-"
        name = name[len(prefix) :] if name.startswith(prefix) else name
        name = re.sub(r"~\d+$", "", name)
    for repeat in repeats:
        if repeat["name"] == name or repeat["name"][:31] == name:
            return repeat
    return None


def check_limits(dataset: Dataset) -> None:
    from mahalla.core.uploads.storage import check_count

    if not dataset.main.rows:
        raise UploadError(message("surveys.import_no_rows"))
    check_count(len(dataset.main.rows), settings.SURVEY_IMPORT_MAX_ROWS)
    repeat_rows = sum(len(t.rows) for t in dataset.repeats)
    check_count(
        repeat_rows,
        settings.SURVEY_IMPORT_MAX_REPEAT_ROWS,
        code="surveys.import_too_many_repeat_rows",
    )


def check(
    dataset: Dataset,
    *,
    version: Any,
    mapping: dict[str, str],
    file_sha256: str,
    progress: Callable[[int], None] | None = None,
) -> Checked:
    """Every row checked; the XML of each good submission built."""
    check_limits(dataset)
    fields = version.fields
    box = values.AreaBox(version.form.area)
    checked = Checked(total=len(dataset.main.rows))
    main = dataset.main
    if grouped.is_grouped(dataset, mapping, fields):
        rows, bad = grouped.read_grouped(
            dataset,
            fields=fields,
            mapping=mapping,
            checked=checked,
            reader_for=lambda part: _RowReader(main, fields, part, box),
            derived_id=lambda key: derived_id(file_sha256, f"key:{key}"),
            progress=progress,
        )
        return _built(checked, rows, bad, version=version, dataset=dataset)
    reader = _RowReader(main, fields, mapping, box)
    id_index, id_column = _instance_column(dataset, mapping)
    if dataset.kind != "table" and id_index is None:
        raise UploadError(message("surveys.import_no_instance_id", column=id_column or "KEY"))
    key_index = main.column("KEY") if dataset.kind == CENTRAL else main.column("_index")

    nodes: dict[str, instance_xml.Node] = {}  # key → node, for joining repeat rows
    owner: dict[str, str] = {}  # key of any row → instance ID of its submission
    rows: list[tuple[int, str, instance_xml.Node]] = []
    bad: set[str] = set()
    first_row: dict[str, int] = {}
    for position, row in enumerate(main.rows):
        number = position + 2
        if id_index is None:
            instance_id = derived_id(file_sha256, number)
        else:
            instance_id = _cell(row, id_index)
            if dataset.kind == KOBO and instance_id and not instance_id.startswith("uuid:"):
                instance_id = f"uuid:{instance_id}"
        node, ok = reader.read(row, number, checked)
        if not instance_id:
            checked.add(main, number, id_column, message("surveys.import_missing_id"))
            checked.bad_rows += 1
            continue
        if instance_id in first_row:
            checked.add(
                main,
                number,
                id_column,
                message(
                    "surveys.import_duplicate_id", id=instance_id, first=first_row[instance_id]
                ),
            )
            checked.bad_rows += 1
            bad.add(instance_id)
            continue
        first_row[instance_id] = number
        if not ok:
            bad.add(instance_id)
        if dataset.kind == CENTRAL:
            key = _cell(row, key_index) or instance_id
        else:
            key = f"#main#{_cell(row, key_index)}"
        nodes[key] = node
        owner[key] = instance_id
        rows.append((number, instance_id, node))
        if progress:
            progress(position + 1)

    repeat_tables = []
    for table in dataset.repeats:
        repeat = _repeat_for(table, dataset, fields)
        if repeat is None:
            checked.add(table, 0, "", message("surveys.import_unknown_repeat"))
            continue
        repeat_tables.append((repeat["path"].count("/"), table, repeat))
    names = {t.name for _, t, _ in repeat_tables}
    for _depth, table, repeat in sorted(repeat_tables, key=lambda item: item[0]):
        mapping_here = cols.guess(table.columns, fields, repeat["path"])
        reader_here = _RowReader(table, fields, mapping_here, box)
        if dataset.kind == CENTRAL:
            parent_i, key_i, name_i = table.column("PARENT_KEY"), table.column("KEY"), None
        else:
            parent_i, key_i = table.column("_parent_index"), table.column("_index")
            name_i = table.column("_parent_table_name")
        for position, row in enumerate(table.rows):
            number = position + 2
            checked.repeat_rows += 1
            if dataset.kind == CENTRAL:
                parent_key, key = _cell(row, parent_i), _cell(row, key_i)
            else:
                parent_table = _cell(row, name_i)
                prefix = parent_table if parent_table in names else "#main"
                parent_key = f"{prefix}#{_cell(row, parent_i)}"
                key = f"{table.name}#{_cell(row, key_i)}"
            parent = nodes.get(parent_key)
            if parent is None:
                shown = parent_key.removeprefix("#main#")
                column = "PARENT_KEY" if dataset.kind == CENTRAL else "_parent_index"
                checked.add(
                    table, number, column, message("surveys.import_orphan_repeat", key=shown)
                )
                checked.bad_rows += 1
                continue
            node, ok = reader_here.read(row, number, checked)
            parent.children.setdefault(repeat["path"], []).append(node)
            owner[key] = owner[parent_key]
            nodes[key] = node
            if not ok:
                bad.add(owner[parent_key])

    return _built(checked, rows, bad, version=version, dataset=dataset)


def _built(
    checked: Checked,
    rows: list[tuple[int, str, instance_xml.Node]],
    bad: set[str],
    *,
    version: Any,
    dataset: Dataset,
) -> Checked:
    """The XML of every submission without problems, and the files each names."""
    fields = version.fields
    root = instance_xml.instance_root(version.xform)
    tree = instance_xml.children_map(fields)
    binary = binary_paths(fields)
    for number, instance_id, node in rows:
        if instance_id in bad:
            checked.bad_rows += 1
            continue
        xml = instance_xml.build(root, tree, node, instance_id)
        checked.records.append((number, instance_id, xml))
        if binary:
            names = read_instance(xml).attachment_names(binary, set())
            if names:
                checked.attachments[instance_id] = names
                found = sum(name in dataset.media for name in names)
                checked.attachments_found += found
                checked.attachments_missing += len(names) - found
    return checked


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
