"""What a benchmark returns, and how the runner prints it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One measurement against a baseline measured in the same run.

    `target` is the largest acceptable measured/baseline ratio; None marks a figure that is
    reported for information only (it can neither pass nor fail).
    """

    name: str
    measured: float
    baseline: float
    target: float | None = None
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target

    def line(self) -> str:
        verdict = (
            "(information)"
            if self.target is None
            else (f"(target ≤ {self.target:g}×) {'PASS' if self.passed else 'FAIL'}")
        )
        text = (
            f"{self.name}: measured {_fmt(self.measured)} {self.unit} vs baseline "
            f"{_fmt(self.baseline)} {self.unit} → ratio {self.ratio:.3g}× {verdict}"
        )
        return f"{text}\n    {self.note}" if self.note else text


def _fmt(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:,.1f}"


def best_of_alternating(
    repeats: int,
    first: Callable[[], object],
    second: Callable[[], object],
    between: Callable[[], object] | None = None,
) -> tuple[tuple[float, object], tuple[float, object]]:
    """`best_of` for two functions called in turn, so that both see the same moments of a
    shared machine (a quiet second for one and a busy one for the other skews a ratio).

    `between`, when given, is called untimed before each timed call (e.g. a VACUUM that
    clears what a rolled-back run left behind, so every run starts from the same state)."""
    bests, values = [float("inf"), float("inf")], [None, None]
    for _ in range(repeats):
        for index, function in enumerate((first, second)):
            if between is not None:
                between()
            start = time.perf_counter()
            values[index] = function()
            bests[index] = min(bests[index], time.perf_counter() - start)
    return (bests[0], values[0]), (bests[1], values[1])


def best_of(
    repeats: int, function: Callable[[], object], between: Callable[[], object] | None = None
) -> tuple[float, object]:
    """The fastest of `repeats` timed calls, and the last call's return value (`between` as
    for `best_of_alternating`)."""
    best, value = float("inf"), None
    for _ in range(repeats):
        if between is not None:
            between()
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value
