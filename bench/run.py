"""Run the benchmarks: `python bench/run.py [name ...] [--postgres]`.

Every `bench/bench_<name>.py` module exposes `run() -> list[Result]`; each result compares a
measurement with a baseline measured in the same run and prints its ratio against a target.
The exit status is 1 when any result misses its target.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from common import Result  # noqa: E402


def discover(names: list[str]) -> list[str]:
    found = sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))
    unknown = [name for name in names if name not in found]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(found)}")
    return names or found


def main(argv: list[str]) -> int:
    failed = 0
    # Options (--postgres) are read by the benchmarks themselves from sys.argv.
    for name in discover([arg for arg in argv if not arg.startswith("--")]):
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(f"bench_{name}")
        results: list[Result] = module.run()
        for result in results:
            print(result.line(), flush=True)
            failed += result.passed is False
        print(f"   ({name} took {time.perf_counter() - start:.0f} s)", flush=True)
    if failed:
        print(f"{failed} result(s) missed their target", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
