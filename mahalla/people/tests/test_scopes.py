from __future__ import annotations

from mahalla.people.models import Organisation, RoleGrant
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places.models import Area


def names(qs):
    return sorted(a.name_en or a.name_th for a in qs)


def test_district_officer_sees_their_district_and_everything_beneath(world):
    qs = for_user(world.khlong_toei_officer, Perm.VIEW_AREA, Area.objects.all())
    assert names(qs) == ["Khlong Toei", "Lock 1-2-3", "ริมคลองพระโขนง"]


def test_officer_of_another_district_sees_none_of_khlong_toei(world):
    qs = for_user(world.pathum_wan_officer, Perm.VIEW_AREA, Area.objects.all())
    assert names(qs) == ["Pathum Wan"]
    assert not has_perm(world.pathum_wan_officer, Perm.VIEW_AREA, world.lock_123)


def test_anonymous_and_roleless_users_see_nothing(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert for_user(AnonymousUser(), Perm.VIEW_AREA, Area.objects.all()).count() == 0
    assert for_user(world.no_role, Perm.VIEW_AREA, Area.objects.all()).count() == 0


def test_superuser_sees_everything(world):
    assert for_user(world.admin, Perm.VIEW_AREA, Area.objects.all()).count() == Area.objects.count()


def test_role_on_an_organisation_reaches_that_organisation(world):
    qs = for_user(world.focal_point, Perm.VIEW_ORGANISATION, Organisation.objects.all())
    assert list(qs) == [world.tehran_municipality]


def test_a_revoked_grant_gives_nothing(world):
    from django.utils import timezone

    RoleGrant.objects.filter(user=world.khlong_toei_officer).update(revoked_at=timezone.now())
    officer = type(world.khlong_toei_officer).objects.get(pk=world.khlong_toei_officer.pk)
    assert for_user(officer, Perm.VIEW_AREA, Area.objects.all()).count() == 0


def test_a_permission_the_role_lacks_gives_nothing(world):
    assert not has_perm(world.treasurer, Perm.IMPORT_BOUNDARIES)
    assert has_perm(world.treasurer, Perm.VIEW_AREA, world.lock_123)


def test_a_loaded_area_is_checked_on_its_path_without_a_query(world, django_assert_num_queries):
    officer = type(world.khlong_toei_officer).objects.get(pk=world.khlong_toei_officer.pk)
    has_perm(officer, Perm.VIEW_AREA)  # the grants, read once for the request
    inside, outside = Area.objects.get(pk=world.lock_123.pk), Area.objects.get(pk=world.bangkok.pk)
    with django_assert_num_queries(0):
        assert has_perm(officer, Perm.CHANGE_AREA, inside)
        assert not has_perm(officer, Perm.CHANGE_AREA, outside)


def test_an_area_without_its_written_path_asks_the_database(world, django_assert_num_queries):
    officer = type(world.khlong_toei_officer).objects.get(pk=world.khlong_toei_officer.pk)
    has_perm(officer, Perm.VIEW_AREA)
    deferred = Area.objects.only("pk").get(pk=world.lock_123.pk)
    placeholder = Area(pk=world.lock_123.pk, path="/")  # a new area before its path is set
    unsaved = Area(path=world.lock_123.path)
    with django_assert_num_queries(3):
        assert has_perm(officer, Perm.VIEW_AREA, deferred)
        assert has_perm(officer, Perm.VIEW_AREA, placeholder)
        assert not has_perm(officer, Perm.VIEW_AREA, unsaved)
