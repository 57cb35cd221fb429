from __future__ import annotations

import pytest

from mahalla.governance.testing import make_council


@pytest.fixture
def council(world):
    return make_council(world)
