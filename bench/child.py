"""Running a Django benchmark in a child process, on a throwaway SQLite file or PostgreSQL
database, and reading back the one JSON line of figures it prints.

A child process keeps each benchmark's Django set-up (settings, database, app registry) away
from the others run by `bench/run.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from urllib.parse import urlsplit


def use_postgres(argv: list[str]) -> bool:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return "--postgres" in argv or url.startswith(("postgres://", "postgresql://"))


def child_main(
    argv: list[str], setup: Callable[[str], None], measure: Callable[[str], dict]
) -> None:
    """In the child: set Django up on a throwaway database, measure, print the figures."""
    if use_postgres(argv):
        from assign_db import PG_URL, bench_database

        with bench_database() as database:
            if database is None:
                print(json.dumps({"skipped": "PostgreSQL unreachable"}))
                return
            setup(urlsplit(PG_URL)._replace(path=f"/{database}").geturl())
            print(json.dumps(measure("PostgreSQL")), flush=True)
        return
    with tempfile.TemporaryDirectory() as folder:
        setup(f"sqlite:///{folder}/bench.sqlite3")
        print(json.dumps(measure("SQLite")), flush=True)


def run_child(script: str, argv: list[str]) -> dict:
    """In the runner: start `script --child`, pass its other output through, return figures.

    The child's stderr goes straight through, so a failure shows its traceback."""
    command = [sys.executable, script, "--child", *(["--postgres"] if use_postgres(argv) else [])]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    figures: dict = {}
    for line in output.splitlines():
        if line.startswith("{"):
            figures = json.loads(line)
        else:
            print(line)
    return figures
