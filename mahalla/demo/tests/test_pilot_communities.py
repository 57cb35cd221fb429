from __future__ import annotations

from shapely.geometry import Point, shape

from mahalla.places.models import Area

PILOTS = {"Prawet", "Pathum Wan", "Yan Nawa", "Min Buri", "Khlong Toei", "Ratchathewi"}


def test_each_pilot_district_has_three_to_five_communities_one_unregistered(demo):
    for name in PILOTS:
        district = Area.objects.get(parent__code="10", name_en=name)
        communities = list(district.children.all())
        assert 3 <= len(communities) <= 5, name
        assert all(c.level.is_community for c in communities)
        kinds = {c.registration for c in communities}
        assert Area.Registration.UNREGISTERED in kinds, name
        assert Area.Registration.REGISTERED in kinds, name


def test_only_pilot_districts_have_communities(demo):
    with_communities = set(
        Area.objects.filter(level__is_community=True).values_list("parent__name_en", flat=True)
    )
    assert with_communities == PILOTS


def test_every_community_lies_inside_its_district(demo):
    communities = Area.objects.filter(level__is_community=True).select_related("parent")
    kinds = set()
    for community in communities:
        district = shape(community.parent.geometry)
        assert district.contains(Point(community.centroid_x, community.centroid_y)), community
        assert district.contains(shape(community.geometry)), community
        kinds.add(community.geometry_kind)
    assert kinds == {"point", "polygon"}


def test_communities_are_named_in_thai_and_english(demo):
    lock = Area.objects.get(parent__name_en="Khlong Toei", name_en="Lock 1-2-3")
    assert lock.name_th == "ชุมชนล็อค 1-2-3"
    assert lock.registration == Area.Registration.REGISTERED
    assert not Area.objects.filter(level__is_community=True, name_th="").exists()
