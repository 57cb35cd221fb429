from __future__ import annotations

from shapely.geometry import shape

from mahalla.places.models import Area


def test_moradabad_is_a_neighbourhood_of_chabahar_county(demo):
    moradabad = Area.objects.get(name_en="Moradabad")
    assert moradabad.name_fa == "مرادآباد"
    assert moradabad.level.code == "neighbourhood"
    county = moradabad.parent
    assert (county.name_fa, county.level.code) == ("چابهار", "county")
    assert county.parent.name_fa == "سیستان و بلوچستان"
    assert county.parent.parent is None


def test_tehran_has_at_least_five_districts_each_with_neighbourhoods(demo):
    county = Area.objects.get(level__code="county", name_en="Tehran")
    assert county.parent.level.code == "province"
    districts = list(county.children.all())
    assert len(districts) >= 5
    for district in districts:
        assert district.name_fa.startswith("منطقه ")
        hoods = list(district.children.all())
        assert len(hoods) >= 2, district.name_en
        assert all(h.name_fa and h.name_en for h in hoods)
    d12 = county.children.get(code="12")
    assert {"بازار", "سنگلج", "امامزاده یحیی"} <= set(
        d12.children.values_list("name_fa", flat=True)
    )


def test_every_place_lies_inside_its_parent(demo):
    for area in Area.objects.exclude(parent=None).select_related("parent"):
        assert shape(area.parent.geometry).contains(shape(area.geometry)), area.name_en
