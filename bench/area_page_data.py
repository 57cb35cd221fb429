"""A district with many places for the area page benchmark, written in bulk.

Neighbourhoods are cells of a grid over a Bangkok-sized district (polygons with a
40-vertex boundary, as surveyed ones have), named in Thai with numbers so that numeric
ordering matters; every tenth holds three communities.
"""

from __future__ import annotations

import math

from shapely.geometry import Polygon


def _cell(index: int, side: int) -> Polygon:
    size = 0.06 / side
    x0, y0 = 100.54 + (index % side) * size, 13.69 + (index // side) * size
    ring = []
    for step in range(40):
        angle = 2 * math.pi * step / 40
        radius = size * (0.45 + 0.03 * math.sin(5 * angle))
        ring.append(
            (x0 + size / 2 + radius * math.cos(angle), y0 + size / 2 + radius * math.sin(angle))
        )
    return Polygon(ring)


def _bulk(parent, level, rows: list[dict], geometry=None) -> list:
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from mahalla.places.models import Area
    from mahalla.places.services import apply_geometry, prepare_area

    areas = []
    for index, fields in enumerate(rows):
        area = Area(parent=parent, level=level, path="/", **fields)
        apply_geometry(area, geometry(index) if geometry else None)
        prepare_area(area)
        areas.append(area)
    Area.objects.bulk_create(areas, batch_size=500)
    Area.objects.filter(parent=parent, path="/").update(
        path=Concat(Value(parent.path), Cast("pk", CharField()), Value("/"))
    )
    for area in areas:
        area.path = f"{parent.path}{area.pk}/"
    return areas


def build(children: int):
    """(district, a small district, their officer, number of areas beneath the first)."""
    from django.db import transaction
    from shapely.geometry import box

    from mahalla.people.models import RoleGrant, User
    from mahalla.people.roles import Role
    from mahalla.places.services import area_create, area_level_get_or_create

    def level(code: str, rank: int, en: str, th: str, community: bool = False):
        return area_level_get_or_create(
            code=code, rank=rank, name_en=en, name_th=th, is_community=community
        )

    province = level("province", 10, "Province", "จังหวัด")
    district_level = level("district", 30, "District", "เขต")
    neighbourhood = level("neighbourhood", 40, "Neighbourhood", "แขวง")
    community = level("community", 50, "Community", "ชุมชน", community=True)
    side = math.ceil(math.sqrt(children))
    with transaction.atomic():
        bangkok = area_create(level=province, code="10", name_en="Bangkok", name_th="กรุงเทพมหานคร")
        district = area_create(
            level=district_level,
            parent=bangkok,
            code="1033",
            name_en="Khlong Toei",
            name_th="คลองเตย",
            geometry=box(100.54, 13.69, 100.60, 13.75),
        )
        rows = [
            {"name_th": f"แขวงที่ {n}", "name_en": f"Neighbourhood {n}", "code": f"KT-{n}"}
            for n in range(children, 0, -1)
        ]
        neighbourhoods = _bulk(district, neighbourhood, rows, lambda i: _cell(i, side))
        beneath = len(neighbourhoods)
        for parent in neighbourhoods[::10]:
            names = [
                {"name_th": f"ชุมชน {parent.code}-{k}", "registration": "unregistered"}
                for k in range(3)
            ]
            beneath += len(_bulk(parent, community, names))
        # A district with three places: the page's cost when the data is small.
        small = area_create(
            level=district_level, parent=bangkok, code="1007", name_th="ปทุมวัน",
            geometry=box(100.51, 13.72, 100.545, 13.76),
        )  # fmt: skip
        _bulk(small, neighbourhood, [{"name_th": f"แขวงที่ {n}"} for n in (3, 2, 1)])
    officer = User.objects.create_user(username="officer", password=None)
    for area in (district, small):
        RoleGrant.objects.create(user=officer, role=Role.DISTRICT_OFFICER, area=area)
    return district, small, officer, beneath
