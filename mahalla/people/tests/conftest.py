from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.testing import grant, make_user


@pytest.fixture
def kt_admin(world):
    """A scoped administrator of Khlong Toei (not a superuser)."""
    user = make_user("kt_admin", first_name="Niran")
    grant(user, Role.ADMIN, area=world.khlong_toei)
    return user


@pytest.fixture
def pw_admin(world):
    """A scoped administrator of Pathum Wan: out of scope for everything in Khlong Toei."""
    user = make_user("pw_admin", first_name="Pim")
    grant(user, Role.ADMIN, area=world.pathum_wan)
    return user
