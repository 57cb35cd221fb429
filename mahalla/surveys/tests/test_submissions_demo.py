"""Demo submissions: households with Thai or Persian names, placed inside the given areas."""

from __future__ import annotations

import pytest

from mahalla.surveys.models import Submission
from mahalla.surveys.submissions import demo
from mahalla.surveys.testing import make_version

pytestmark = pytest.mark.django_db


def test_demo_households_sit_inside_their_areas(world):
    version = make_version(world.bangkok)
    stored = demo.build(version, [world.lock_123, world.moradabad, world.rim_khlong], 6)
    assert stored == 6
    subs = list(Submission.objects.select_related("current").order_by("pk"))
    assert [s.area for s in subs] == [world.lock_123, world.moradabad] * 3
    thai, persian = subs[0].current.data, subs[1].current.data
    assert len(thai["members"]) == 4
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai["hh_name"])
    assert any("\u0600" <= ch <= "\u06ff" for ch in persian["members"][0]["member_name"])
    assert all(s.current.parse_error is None for s in subs)


def test_demo_is_repeatable(world):
    version = make_version(world.bangkok)
    demo.build(version, [world.lock_123], 2, seed="a")
    first = [bytes(s.current.xml) for s in Submission.objects.order_by("pk")]
    Submission.objects.all().delete()
    demo.build(version, [world.lock_123], 2, seed="a")
    assert [bytes(s.current.xml) for s in Submission.objects.order_by("pk")] == first
