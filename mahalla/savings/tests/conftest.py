from __future__ import annotations

from datetime import date

import pytest

from mahalla.savings.testing import make_group

DAY = date(2025, 1, 15)


@pytest.fixture
def group(world):
    return make_group(world.lock_123)


@pytest.fixture
def members(group):
    return list(group.members.order_by("number"))
