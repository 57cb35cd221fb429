from __future__ import annotations

from shapely.geometry import Point, shape
from shapely.ops import unary_union

from mahalla.demo.bangkok import DISTRICTS
from mahalla.places.models import Area


def _districts():
    return Area.objects.filter(parent__code="10", parent__parent=None, level__code="district")


def test_bangkok_has_all_fifty_districts_with_unique_bma_codes(demo):
    codes = list(_districts().values_list("code", flat=True))
    assert sorted(codes) == [str(code) for code in range(1001, 1051)]
    assert Area.objects.get(parent=None, code="10").name_th == "กรุงเทพมหานคร"


def test_districts_carry_their_official_names_in_english_and_thai(demo):
    names = {a.code: (a.name_en, a.name_th) for a in _districts()}
    assert names["1001"] == ("Phra Nakhon", "พระนคร")
    assert names["1032"] == ("Prawet", "ประเวศ")
    assert names["1033"] == ("Khlong Toei", "คลองเตย")
    assert names["1037"] == ("Ratchathewi", "ราชเทวี")
    assert names["1050"] == ("Bang Bon", "บางบอน")
    assert all(en and th for en, th in names.values())


def test_districts_tile_bangkok_without_gaps_or_overlaps(demo):
    bangkok = shape(Area.objects.get(parent=None, code="10").geometry)
    cells = [shape(a.geometry) for a in _districts()]
    assert unary_union(cells).symmetric_difference(bangkok).area < 1e-9
    assert abs(sum(cell.area for cell in cells) - bangkok.area) < 1e-9


def test_every_district_polygon_holds_its_approximate_real_centre(demo):
    polygons = {a.code: shape(a.geometry) for a in _districts()}
    for code, name_en, _th, centre in DISTRICTS:
        assert polygons[code].is_valid, name_en
        assert polygons[code].contains(Point(centre)), name_en


def test_all_demo_geometry_is_marked_synthetic(demo):
    assert Area.objects.filter(geometry__isnull=False).count() == Area.objects.count()
    assert not Area.objects.filter(geometry_is_synthetic=False).exists()
