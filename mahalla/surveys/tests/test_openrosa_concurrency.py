# ruff: noqa: F811 - pytest fixtures imported from openrosa_fixtures are parameters here
"""The same instanceID from two clients at once: exactly one is stored (PostgreSQL)."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from mahalla.surveys.models import Submission, SubmissionVersion
from mahalla.surveys.openrosa.intake import receive_submission
from mahalla.surveys.testing import household_xml
from mahalla.surveys.tests.openrosa_fixtures import app_user, campaign, version  # noqa: F401

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two writers at once need PostgreSQL"
    ),
]


def _race(app_user, bodies: list[bytes]) -> list[int]:
    """Both requests look first (finding nothing), then insert together."""
    barrier = threading.Barrier(len(bodies), timeout=10)
    real_create = Submission.objects.create

    def create(**kwargs):
        barrier.wait()
        return real_create(**kwargs)

    statuses: list[int] = []

    def send(xml: bytes) -> None:
        try:
            statuses.append(receive_submission(xml=xml, files=[], app_user=app_user).status)
        finally:
            connections.close_all()

    with mock.patch.object(Submission.objects, "create", side_effect=create):
        threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    return sorted(statuses)


def test_two_identical_sends_at_once_store_one(app_user, version):
    xml = household_xml(version, instance_id="uuid:race")
    assert _race(app_user, [xml, xml]) == [201, 202]
    assert Submission.objects.count() == 1
    assert SubmissionVersion.objects.count() == 1


def test_two_different_sends_of_one_instance_id_at_once_store_one(app_user, version):
    first = household_xml(version, instance_id="uuid:race", name="A")
    second = household_xml(version, instance_id="uuid:race", name="B")
    assert _race(app_user, [first, second]) == [201, 409]
    assert SubmissionVersion.objects.count() == 1
