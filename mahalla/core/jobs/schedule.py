"""Work the job worker does on a clock (the daily escalation of resolutions), registered by
the apps that own it, so `core` never imports them.

Each registered function is called about every `interval` seconds from a thread of the worker
and decides itself whether anything is due (and must be safe to call from several workers).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections

logger = logging.getLogger(__name__)
_TASKS: dict[str, Callable[[], object]] = {}


def register(name: str, function: Callable[[], object]) -> None:
    _TASKS[name] = function


def run_due() -> None:
    for name, function in _TASKS.items():
        close_old_connections()
        try:
            function()
        except Exception:
            # One failing task must not stop the others nor the worker; it is logged, and
            # its own run record says it failed.
            logger.exception("scheduled task %s failed", name)
        finally:
            close_old_connections()


def start(interval: float = 300.0) -> threading.Thread:
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            run_due()
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="mahalla-schedule", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread
