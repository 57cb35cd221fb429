"""Sistan and Baluchestan → Chabahar county → Moradabad, the facilitation office's target
neighbourhood, and Tis on the bay. Centres are approximate (lon, lat); outlines synthetic."""

from __future__ import annotations

from mahalla.demo import geometry
from mahalla.demo.builder import DemoBuilder
from mahalla.people.models import Organisation

NEIGHBOURHOODS = [
    ("moradabad", "Moradabad", "مرادآباد", (60.628, 25.302), 0.008),
    ("tis", "Tis", "تیس", (60.605, 25.360), 0.010),
]

COUNTY_OUTLINE = [
    (59.95, 25.45),
    (60.45, 25.27),
    (60.70, 25.26),
    (61.05, 25.30),
    (61.20, 25.65),
    (61.00, 26.20),
    (60.30, 26.30),
    (59.95, 25.90),
]

PROVINCE_OUTLINE = [
    (58.80, 25.60),
    (59.60, 25.38),
    (60.60, 25.24),
    (61.60, 25.10),
    (61.85, 25.90),
    (63.25, 26.60),
    (62.80, 28.20),
    (61.50, 29.00),
    (60.87, 29.86),
    (61.60, 31.10),
    (61.20, 31.45),
    (60.60, 31.35),
    (60.00, 30.50),
    (59.40, 29.40),
    (58.90, 28.00),
    (58.75, 26.80),
]


def build(b: DemoBuilder) -> None:
    shapes = {
        key: geometry.blob(where, radius, seed=key)
        for key, _en, _fa, where, radius in NEIGHBOURHOODS
    }
    county = geometry.outline(COUNTY_OUTLINE)
    province = geometry.outline(PROVINCE_OUTLINE, holding=county)
    b.area(
        "sistan_baluchestan",
        level="province",
        name_en="Sistan and Baluchestan",
        name_fa="سیستان و بلوچستان",
        geometry=province,
    )
    b.area(
        "chabahar",
        level="county",
        parent="sistan_baluchestan",
        name_en="Chabahar",
        name_fa="چابهار",
        geometry=county,
    )
    for key, name_en, name_fa, _where, _radius in NEIGHBOURHOODS:
        b.area(
            key,
            level="neighbourhood",
            parent="chabahar",
            name_en=name_en,
            name_fa=name_fa,
            geometry=shapes[key],
        )
    kind = Organisation.Kind
    b.organisation(
        "chabahar_governorate",
        kind=kind.GOVERNMENT_AGENCY,
        area="chabahar",
        name_en="Chabahar Governorate",
        name_fa="فرمانداری چابهار",
    )
    # A facilitation office, not a community organisation: a team contracted to work with
    # residents, not a body the residents themselves formed.
    b.organisation(
        "moradabad_office",
        kind=kind.FACILITATION_OFFICE,
        area="moradabad",
        name_en="Moradabad Neighbourhood Facilitation Office",
        name_fa="دفتر تسهیلگری محله مرادآباد",
    )
