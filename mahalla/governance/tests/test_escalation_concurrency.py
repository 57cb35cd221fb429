"""Two workers running the escalation at the same moment announce each step once
(PostgreSQL: the second waits on the calendars' rows, then counts from the first's run)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from mahalla.governance.models import EscalationRun, Notice
from mahalla.governance.services import escalation
from mahalla.governance.services.resolutions import resolution_create
from mahalla.governance.testing import make_council
from mahalla.testing import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two runs at once need PostgreSQL"
    ),
]


def test_two_runs_at_once_announce_once():
    world = build_world()
    council = make_council(world)
    for _ in range(3):
        resolution_create(
            body=council.body,
            by=None,
            text="مصوبه",
            responsible=[council.social],
            decided_on=date(2026, 3, 1),
            deadline=date(2026, 3, 25),
        )
    barrier = threading.Barrier(2, timeout=10)
    totals: list[dict] = []

    def run() -> None:
        try:
            barrier.wait()
            totals.append(escalation.escalate(date(2026, 4, 6), email=False))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(t["overdue"] for t in totals) == [0, 3]
    assert EscalationRun.objects.filter(status="done").count() == 2
    digest = Notice.objects.get(user=council.chair, code="governance.digest")
    assert digest.params["counts"] == {"overdue": 3}
