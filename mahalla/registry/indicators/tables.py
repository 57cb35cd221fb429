"""What a dashboard table is: a title, column labels and rows of numbers (no personal data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    label: Any
    values: list[int | float | None]
    key: str = ""


@dataclass
class Table:
    key: str
    title: Any
    columns: list[Any]
    rows: list[Row] = field(default_factory=list)
    note: Any = ""
    # Drawn as a bar chart of its first column; off for tables whose columns are not shares
    # of one whole (survey rounds side by side).
    chart: bool = True

    @property
    def largest(self) -> int:
        """The largest count of the first column, for the bars drawn beside the rows."""
        return max((r.values[0] or 0 for r in self.rows if r.values), default=0)
