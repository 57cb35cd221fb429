from __future__ import annotations

from django.test import Client

from mahalla.demo.personas import PASSWORD
from mahalla.people.models import RoleGrant, User
from mahalla.people.roles import Perm, Role
from mahalla.people.scopes import for_user
from mahalla.places.models import Area


def _communities_seen_by(username: str) -> set[str]:
    user = User.objects.get(username=username)
    visible = for_user(user, Perm.VIEW_AREA, Area.objects.filter(level__is_community=True))
    return set(visible.values_list("parent__name_en", flat=True))


def test_there_is_a_demo_login_for_every_role(demo):
    roles = set(RoleGrant.objects.filter(revoked_at=None).values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.filter(is_superuser=True).count() == 1


def test_officer_klongtoei_sees_khlong_toei_communities_but_not_prawets(demo):
    assert _communities_seen_by("officer_klongtoei") == {"Khlong Toei"}
    assert _communities_seen_by("officer_prawet") == {"Prawet"}
    assert len(_communities_seen_by("staff_codi")) == 6


def test_iranian_logins_see_only_their_part_of_iran(demo):
    secretary = User.objects.get(username="secretary_tehran")
    seen = for_user(secretary, Perm.VIEW_AREA, Area.objects.filter(name_en="Sanglaj"))
    assert seen.exists()
    facilitator = User.objects.get(username="facilitator_moradabad")
    reach = set(
        for_user(facilitator, Perm.VIEW_AREA, Area.objects.all()).values_list("name_en", flat=True)
    )
    assert reach == {"Moradabad"}


def test_focal_point_reaches_tehran_through_the_municipality(demo):
    focal = User.objects.get(username="focal_municipality")
    grant = focal.role_grants.get()
    assert (grant.role, grant.organisation.name_fa) == (Role.FOCAL_POINT, "شهرداری تهران")
    reach = for_user(focal, Perm.VIEW_AREA, Area.objects.filter(level__code="district"))
    assert set(reach.values_list("parent__name_en", flat=True)) == {"Tehran"}


def test_thai_logins_use_thai_and_iranian_logins_persian(demo):
    languages = dict(User.objects.values_list("username", "language"))
    assert languages["officer_klongtoei"] == "th"
    assert languages["treasurer_lock123"] == "th"
    assert languages["manager_d12"] == "fa"
    assert languages["facilitator_moradabad"] == "fa"


def test_every_demo_login_signs_in_with_the_shared_password(demo):
    for username in ("leader_lock123", "manager_d12"):
        assert Client().login(username=username, password=PASSWORD)


def test_the_command_prints_the_password_and_each_login_with_role_and_scope(demo):
    assert "mahalla-demo" in demo
    line = next(row for row in demo.splitlines() if "officer_klongtoei" in row)
    assert "district officer" in line and "Khlong Toei" in line
    line = next(row for row in demo.splitlines() if "manager_d12" in row)
    assert "neighbourhood manager" in line and "Sanglaj" in line
