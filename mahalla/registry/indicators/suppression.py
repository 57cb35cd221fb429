"""Small cells left out of public tables, so no household can be recognised.

Primary suppression hides every count from 1 to `THRESHOLD - 1` (0 reveals no one). A table
whose column has a published total would still give a single hidden cell away (the total
minus the others), so complementary suppression then hides, in each column with exactly one
hidden cell, the smallest other non-zero cell as well. Pure functions over lists of counts;
None means "hidden".
"""

from __future__ import annotations

THRESHOLD = 5


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress_column(values: list[int | None]) -> list[int | None]:
    """One column of counts whose total is published: the published cells."""
    hidden = {i for i, v in enumerate(values) if is_small(v)}
    if len(hidden) == 1:
        others = [(v, i) for i, v in enumerate(values) if i not in hidden and v]
        if others:
            hidden.add(min(others)[1])
    return [None if i in hidden else v for i, v in enumerate(values)]


def suppress_table(rows: list[list[int | None]]) -> list[list[int | None]]:
    """Rows × columns of counts, each column with a published total."""
    if not rows:
        return rows
    columns = [suppress_column([row[c] for row in rows]) for c in range(len(rows[0]))]
    return [[columns[c][r] for c in range(len(columns))] for r in range(len(rows))]


def total(values: list[int | None]) -> int | None:
    """A published total: hidden when it is itself small."""
    value = sum(v or 0 for v in values)
    return None if is_small(value) else value
