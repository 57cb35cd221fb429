"""Plain tables in long format: a household list with one row per member.

Spreadsheets kept by hand hold a repeat group the only way one sheet can: one row per repeat
entry (a member), the submission's own answers (the household's) on its first row, repeated
or left empty on the others, and a column saying which rows go together (a household number).
Rows with the same value in the key column (mapped to the instance ID, or to `ROW_KEY` when
the file has no instance IDs) are one submission; each row adds one entry to each repeat it
answers. A later row that contradicts its first row's answer is a problem of that row, not a
silent overwrite. Only the form's first-level repeats can be filled this way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mahalla.core.jobs.messages import message
from mahalla.surveys.imports import columns as cols
from mahalla.surveys.imports import instance_xml
from mahalla.surveys.imports.readers import TABLE, Dataset


@dataclass
class _Group:
    first_row: int
    instance_id: str
    node: instance_xml.Node


def is_grouped(dataset: Dataset, mapping: dict[str, str], fields: list[dict]) -> bool:
    """A plain table whose mapping fills a repeat or names a row key."""
    if dataset.kind != TABLE:
        return False
    targets = set(mapping.values())
    return cols.ROW_KEY in targets or any(cols.repeat_of(t, fields) for t in targets)


def _key_column(mapping: dict[str, str]) -> tuple[str, bool]:
    """(column, holds instance IDs): the instance ID column first, else the row key."""
    for wanted in (cols.INSTANCE_ID, cols.ROW_KEY):
        for column, target in mapping.items():
            if target == wanted:
                return column, wanted == cols.INSTANCE_ID
    return "", False


def read_grouped(
    dataset: Dataset,
    *,
    fields: list[dict],
    mapping: dict[str, str],
    checked: Any,
    reader_for: Callable[[dict[str, str]], Any],
    derived_id: Callable[[str], str],
    progress: Callable[[int], None] | None = None,
) -> tuple[list[tuple[int, str, instance_xml.Node]], set[str]]:
    """The submissions of the table as (first row, instance ID, node), and the bad IDs.

    `reader_for(mapping)` makes the row reader of `checking` for part of the mapping;
    `derived_id(key)` gives the stable instance ID of a key that is not one.
    """
    table = dataset.main
    own: dict[str, str] = {}
    per_repeat: dict[str, dict[str, str]] = {}
    for column, target in mapping.items():
        if target in (cols.ROW_KEY, cols.INSTANCE_ID):
            continue
        repeat = cols.repeat_of(target, fields)
        if repeat:
            per_repeat.setdefault(repeat, {})[column] = target
        else:
            own[column] = target
    column_of = {cols.split_target(t)[0]: c for c, t in own.items()}
    main_reader = reader_for(own)
    repeat_readers = {path: reader_for(part) for path, part in per_repeat.items()}
    key_column, holds_ids = _key_column(mapping)
    key_index = table.column(key_column)

    groups: dict[str, _Group] = {}
    rows: list[tuple[int, str, instance_xml.Node]] = []
    bad: set[str] = set()
    for position, row in enumerate(table.rows):
        number = position + 2
        key = row[key_index].strip() if key_index is not None and key_index < len(row) else ""
        if not key:
            checked.add(table, number, key_column, message("surveys.import_missing_key"))
            checked.bad_rows += 1
            continue
        node, ok = main_reader.read(row, number, checked)
        group = groups.get(key)
        if group is None:
            group = _Group(number, key if holds_ids else derived_id(key), node)
            groups[key] = group
            rows.append((number, group.instance_id, node))
        else:
            for path, value in node.values.items():
                first = group.node.values.setdefault(path, value)
                if first != value:
                    problem = message(
                        "surveys.import_group_conflict", key=key, first=group.first_row
                    )
                    checked.add(table, number, column_of.get(path, ""), problem)
                    ok = False
        for path, reader in repeat_readers.items():
            entry, entry_ok = reader.read(row, number, checked)
            ok = ok and entry_ok
            if entry.values:
                group.node.children.setdefault(path, []).append(entry)
                checked.repeat_rows += 1
        if not ok:
            bad.add(group.instance_id)
        if progress:
            progress(position + 1)
    return rows, bad
