"""Tehran: province → county → five municipal districts (منطقه), each with a few
neighbourhoods (محله). Centres are approximate (lon, lat); boundaries are synthetic."""

from __future__ import annotations

from shapely.geometry import box

from mahalla.demo import geometry
from mahalla.demo.builder import DemoBuilder
from mahalla.people.models import Organisation

ZWNJ = "\u200c"

# fmt: off
# district number, Persian digits, centre, neighbourhoods: (key, English, Persian, (lon, lat))
DISTRICTS: list[tuple[str, str, tuple[float, float], list[tuple[str, str, str, tuple]]]] = [
    ("1", "۱", (51.445, 35.803), [
        ("tajrish", "Tajrish", "تجریش", (51.434, 35.805)),
        ("niavaran", "Niavaran", "نیاوران", (51.470, 35.812)),
        ("zafaraniyeh", "Zafaraniyeh", "زعفرانیه", (51.418, 35.795)),
        ("velenjak", "Velenjak", "ولنجک", (51.400, 35.805)),
        ("darband", "Darband", "دربند", (51.424, 35.825)),
    ]),
    ("6", "۶", (51.405, 35.727), [
        ("yusef_abad", "Yusef Abad", f"یوسف{ZWNJ}آباد", (51.408, 35.731)),
        ("amir_abad", "Amir Abad", "امیرآباد", (51.390, 35.740)),
        ("iranshahr", "Iranshahr", "ایرانشهر", (51.424, 35.712)),
    ]),
    ("12", "۱۲", (51.422, 35.675), [
        ("bazaar", "Bazaar", "بازار", (51.421, 35.672)),
        ("sanglaj", "Sanglaj", "سنگلج", (51.408, 35.676)),
        ("oudlajan", "Oudlajan", "عودلاجان", (51.427, 35.683)),
        ("emamzadeh_yahya", "Emamzadeh Yahya", "امامزاده یحیی", (51.435, 35.676)),
        ("pamenar", "Pamenar", "پامنار", (51.420, 35.686)),
        ("harandi", "Harandi", "هرندی", (51.414, 35.662)),
    ]),
    ("15", "۱۵", (51.475, 35.625), [
        ("afsariyeh", "Afsariyeh", "افسریه", (51.480, 35.645)),
        ("masoudieh", "Masoudieh", "مسعودیه", (51.505, 35.620)),
        ("moshiriyeh", "Moshiriyeh", "مشیریه", (51.475, 35.610)),
        ("kianshahr", "Kianshahr", "کیانشهر", (51.445, 35.625)),
    ]),
    ("22", "۲۲", (51.215, 35.755), [
        ("chitgar", "Chitgar", "چیتگر", (51.200, 35.745)),
        ("olympic_village", "Olympic Village", "دهکده المپیک", (51.265, 35.760)),
        ("golestan", "Shahrak-e Golestan", "شهرک گلستان", (51.180, 35.770)),
    ]),
]
# fmt: on

URC = "Urban Regeneration Company of Iran"
# Organisations without an area, which a reset finds by name.
AREALESS_ORGANISATIONS = [URC]

# A rough outline of Tehran province (lon, lat).
PROVINCE_OUTLINE = [
    (50.95, 35.45),
    (51.05, 35.85),
    (51.35, 36.05),
    (51.90, 36.10),
    (52.50, 35.95),
    (53.15, 35.80),
    (53.05, 35.50),
    (52.40, 35.30),
    (51.90, 35.15),
    (51.40, 34.90),
    (51.00, 35.10),
]


def _district_shapes() -> tuple[dict, dict]:
    """District outlines (grown around their neighbourhoods, never overlapping each other)
    and neighbourhood outlines (Voronoi cells that tile their district)."""
    seeds = {number: centre for number, _digits, centre, _hoods in DISTRICTS}
    frame = box(51.0, 35.4, 51.8, 36.0)
    territory = geometry.voronoi_cells(seeds, frame)
    districts, hoods = {}, {}
    for number, _digits, centre, neighbourhoods in DISTRICTS:
        points = [centre] + [where for *_names, where in neighbourhoods]
        shape = geometry.round_hull(points, 0.012).intersection(territory[number])
        cells = geometry.voronoi_cells(
            {key: where for key, _en, _fa, where in neighbourhoods}, shape
        )
        # The district is drawn as the union of its neighbourhoods, so they lie exactly in it.
        districts[number] = geometry.union(cells.values())
        hoods.update(cells)
    return districts, hoods


def build(b: DemoBuilder) -> None:
    districts, hoods = _district_shapes()
    city = geometry.round_hull(
        [xy for shape in districts.values() for xy in shape.exterior.coords], 0.03
    )
    province = geometry.outline(PROVINCE_OUTLINE, holding=city)
    b.area(
        "tehran_province",
        level="province",
        name_en="Tehran",
        name_fa="تهران",
        name_th="เตหะราน",
        geometry=province,
    )
    b.area(
        "tehran",
        level="county",
        parent="tehran_province",
        name_en="Tehran",
        name_fa="تهران",
        name_th="เตหะราน",
        geometry=city,
    )
    for number, digits, _centre, neighbourhoods in DISTRICTS:
        key = f"tehran_d{number}"
        b.area(
            key,
            level="district",
            parent="tehran",
            code=number,
            name_en=f"District {number}",
            name_fa=f"منطقه {digits}",
            geometry=districts[number],
        )
        for hood, name_en, name_fa, _where in neighbourhoods:
            b.area(
                hood,
                level="neighbourhood",
                parent=key,
                name_en=name_en,
                name_fa=name_fa,
                geometry=hoods[hood],
            )
    kind = Organisation.Kind
    b.organisation(
        "tehran_municipality",
        kind=kind.MUNICIPALITY,
        area="tehran",
        name_en="Tehran Municipality",
        name_fa="شهرداری تهران",
    )
    # District 12's neighbourhood houses: the municipality's offices in the neighbourhoods.
    for hood, name_en, name_fa in (
        ("sanglaj", "Sanglaj Neighbourhood House", "سرای محلهٔ سنگلج"),
        ("oudlajan", "Oudlajan Neighbourhood House", "سرای محلهٔ عودلاجان"),
    ):
        b.organisation(
            f"{hood}_house",
            kind=kind.NEIGHBOURHOOD_HOUSE,
            area=hood,
            name_en=name_en,
            name_fa=name_fa,
        )
    # A national company: without an area it is reached only through grants on it.
    b.organisation(
        "urc",
        kind=kind.GOVERNMENT_AGENCY,
        area=None,
        name_en=URC,
        name_fa="شرکت بازآفرینی شهری ایران",
    )
