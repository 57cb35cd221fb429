"""Signals the places app sends, for apps above it (places never imports them).

`boundaries_changed(area_ids=[...])` is sent after a transaction that wrote or removed area
geometry (a boundary import written or reverted, a place's location edited) has committed.
Apps that place records in areas (survey submissions) re-place the records concerned.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

boundaries_changed = Signal()


def send_boundaries_changed(area_ids: Iterable[int]) -> None:
    """Send the signal once the current transaction commits (at once outside one)."""
    ids = sorted({int(pk) for pk in area_ids if pk})
    if ids:
        transaction.on_commit(lambda: boundaries_changed.send(sender=None, area_ids=ids))
