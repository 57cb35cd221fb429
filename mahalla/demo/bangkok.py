"""Bangkok: the 50 districts (khet) with their BMA codes, and communities in six pilot districts.

District centres are approximate (lon, lat). Boundaries are synthetic: Voronoi cells of the
centres clipped to a rough outline of the city, so neighbouring districts tile without gaps.
Community names are plausible demonstration names, not a register of real communities.
"""

from __future__ import annotations

from mahalla.demo import geometry
from mahalla.demo.builder import DemoBuilder
from mahalla.people.models import Organisation
from mahalla.places.models import Area

# code, English, Thai, (lon, lat)
DISTRICTS: list[tuple[str, str, str, tuple[float, float]]] = [
    ("1001", "Phra Nakhon", "พระนคร", (100.4991, 13.7645)),
    ("1002", "Dusit", "ดุสิต", (100.5218, 13.7770)),
    ("1003", "Nong Chok", "หนองจอก", (100.8625, 13.8552)),
    ("1004", "Bang Rak", "บางรัก", (100.5235, 13.7307)),
    ("1005", "Bang Khen", "บางเขน", (100.5967, 13.8738)),
    ("1006", "Bang Kapi", "บางกะปิ", (100.6477, 13.7658)),
    ("1007", "Pathum Wan", "ปทุมวัน", (100.5342, 13.7444)),
    ("1008", "Pom Prap Sattru Phai", "ป้อมปราบศัตรูพ่าย", (100.5103, 13.7580)),
    ("1009", "Phra Khanong", "พระโขนง", (100.6017, 13.7022)),
    ("1010", "Min Buri", "มีนบุรี", (100.7480, 13.8139)),
    ("1011", "Lat Krabang", "ลาดกระบัง", (100.7818, 13.7225)),
    ("1012", "Yan Nawa", "ยานนาวา", (100.5401, 13.6960)),
    ("1013", "Samphanthawong", "สัมพันธวงศ์", (100.5108, 13.7388)),
    ("1014", "Phaya Thai", "พญาไท", (100.5427, 13.7801)),
    ("1015", "Thon Buri", "ธนบุรี", (100.4858, 13.7250)),
    ("1016", "Bangkok Yai", "บางกอกใหญ่", (100.4744, 13.7228)),
    ("1017", "Huai Khwang", "ห้วยขวาง", (100.5750, 13.7784)),
    ("1018", "Khlong San", "คลองสาน", (100.5050, 13.7303)),
    ("1019", "Taling Chan", "ตลิ่งชัน", (100.4566, 13.7769)),
    ("1020", "Bangkok Noi", "บางกอกน้อย", (100.4678, 13.7709)),
    ("1021", "Bang Khun Thian", "บางขุนเทียน", (100.4358, 13.6000)),
    ("1022", "Phasi Charoen", "ภาษีเจริญ", (100.4358, 13.7147)),
    ("1023", "Nong Khaem", "หนองแขม", (100.3491, 13.7047)),
    ("1024", "Rat Burana", "ราษฎร์บูรณะ", (100.5055, 13.6822)),
    ("1025", "Bang Phlat", "บางพลัด", (100.4950, 13.7939)),
    ("1026", "Din Daeng", "ดินแดง", (100.5532, 13.7699)),
    ("1027", "Bueng Kum", "บึงกุ่ม", (100.6691, 13.7853)),
    ("1028", "Sathon", "สาทร", (100.5264, 13.7081)),
    ("1029", "Bang Sue", "บางซื่อ", (100.5372, 13.8099)),
    ("1030", "Chatuchak", "จตุจักร", (100.5599, 13.8286)),
    ("1031", "Bang Kho Laem", "บางคอแหลม", (100.5025, 13.6933)),
    ("1032", "Prawet", "ประเวศ", (100.6947, 13.7169)),
    ("1033", "Khlong Toei", "คลองเตย", (100.5839, 13.7081)),
    ("1034", "Suan Luang", "สวนหลวง", (100.6517, 13.7303)),
    ("1035", "Chom Thong", "จอมทอง", (100.4847, 13.6772)),
    ("1036", "Don Mueang", "ดอนเมือง", (100.5897, 13.9131)),
    ("1037", "Ratchathewi", "ราชเทวี", (100.5344, 13.7589)),
    ("1038", "Lat Phrao", "ลาดพร้าว", (100.6075, 13.8036)),
    ("1039", "Watthana", "วัฒนา", (100.5858, 13.7422)),
    ("1040", "Bang Khae", "บางแค", (100.4072, 13.6961)),
    ("1041", "Lak Si", "หลักสี่", (100.5789, 13.8875)),
    ("1042", "Sai Mai", "สายไหม", (100.6458, 13.9197)),
    ("1043", "Khan Na Yao", "คันนายาว", (100.6797, 13.8272)),
    ("1044", "Saphan Sung", "สะพานสูง", (100.6847, 13.7700)),
    ("1045", "Wang Thonglang", "วังทองหลาง", (100.6083, 13.7864)),
    ("1046", "Khlong Sam Wa", "คลองสามวา", (100.7042, 13.8597)),
    ("1047", "Bang Na", "บางนา", (100.6047, 13.6681)),
    ("1048", "Thawi Watthana", "ทวีวัฒนา", (100.3542, 13.7878)),
    ("1049", "Thung Khru", "ทุ่งครุ", (100.5050, 13.6300)),
    ("1050", "Bang Bon", "บางบอน", (100.3850, 13.6592)),
]

# A rough outline of the city (lon, lat), clockwise from the north-west.
OUTLINE: list[tuple[float, float]] = [
    (100.330, 13.815),
    (100.420, 13.815),
    (100.480, 13.830),
    (100.530, 13.860),
    (100.555, 13.930),
    (100.585, 13.960),
    (100.660, 13.955),
    (100.720, 13.925),
    (100.840, 13.910),
    (100.940, 13.890),
    (100.945, 13.800),
    (100.880, 13.720),
    (100.800, 13.690),
    (100.720, 13.680),
    (100.650, 13.650),
    (100.580, 13.655),
    (100.535, 13.610),
    (100.500, 13.575),
    (100.460, 13.515),
    (100.400, 13.495),
    (100.370, 13.560),
    (100.360, 13.640),
    (100.330, 13.680),
    (100.325, 13.760),
]

R = Area.Registration.REGISTERED
U = Area.Registration.UNREGISTERED

# Six pilot districts. key, code, English, Thai, registration, drawn as polygon (else a point).
PILOTS: dict[str, list[tuple[str, str, str, str, str, bool]]] = {
    "1033": [
        ("lock_123", "1033-01", "Lock 1-2-3", "ชุมชนล็อค 1-2-3", R, True),
        ("lock_456", "1033-02", "Lock 4-5-6", "ชุมชนล็อค 4-5-6", R, True),
        ("seventy_rai", "1033-03", "70 Rai", "ชุมชน 70 ไร่", R, True),
        ("phatthana_mai", "1033-04", "Phatthana Mai", "ชุมชนพัฒนาใหม่", R, False),
        ("rim_rot_fai_kt", "", "Rim Thang Rot Fai", "ชุมชนริมทางรถไฟ", U, True),
    ],
    "1032": [
        ("ruam_jai", "1032-01", "Ruam Jai Phatthana", "ชุมชนร่วมใจพัฒนา", R, True),
        ("samakkhi_on_nut", "1032-02", "Samakkhi On Nut", "ชุมชนสามัคคีอ่อนนุช", R, False),
        ("rim_prawet", "", "Rim Khlong Prawet", "ชุมชนริมคลองประเวศบุรีรมย์", U, True),
        ("rim_nong_bon", "", "Rim Khlong Nong Bon", "ชุมชนริมคลองหนองบอน", U, False),
    ],
    "1007": [
        ("bon_kai", "1007-01", "Bon Kai", "ชุมชนบ่อนไก่", R, True),
        ("polo", "1007-02", "Polo", "ชุมชนโปโล", R, False),
        ("rim_saen_saep_pw", "", "Rim Khlong Saen Saep", "ชุมชนริมคลองแสนแสบ", U, True),
    ],
    "1012": [
        ("wat_chong_lom", "1012-01", "Wat Chong Lom", "ชุมชนวัดช่องลม", R, True),
        ("bang_phong_phang", "1012-02", "Bang Phong Phang Phatthana", "ชุมชนบางโพงพางพัฒนา", R, True),
        ("rim_chong_nonsi", "", "Rim Khlong Chong Nonsi", "ชุมชนริมคลองช่องนนทรี", U, False),
        ("tai_thang_duan", "", "Under the Expressway", "ชุมชนใต้ทางด่วน", U, True),
    ],
    "1010": [
        ("talat_min_buri", "1010-01", "Talat Min Buri", "ชุมชนตลาดมีนบุรี", R, True),
        ("samakkhi_ruam_jai", "1010-02", "Samakkhi Ruam Jai", "ชุมชนสามัคคีร่วมใจ", R, False),
        ("rim_saen_saep_mb", "", "Rim Khlong Saen Saep Min Buri", "ชุมชนริมคลองแสนแสบมีนบุรี", U, True),
    ],
    "1037": [
        ("ban_khrua_nuea", "1037-01", "Ban Khrua Nuea", "ชุมชนบ้านครัวเหนือ", R, True),
        ("ban_khrua_tai", "1037-02", "Ban Khrua Tai", "ชุมชนบ้านครัวใต้", R, True),
        ("rim_rot_fai_mks", "", "Rim Thang Rot Fai Makkasan", "ชุมชนริมทางรถไฟมักกะสัน", U, False),
    ],
}

PILOT_KEYS = {
    "1033": "khlong_toei",
    "1032": "prawet",
    "1007": "pathum_wan",
    "1012": "yan_nawa",
    "1010": "min_buri",
    "1037": "ratchathewi",
}


def build(b: DemoBuilder) -> None:
    seeds = {code: centre for code, _en, _th, centre in DISTRICTS}
    cells = geometry.voronoi_cells(seeds, geometry.outline(OUTLINE))
    hull = geometry.union(cells.values())
    b.area(
        "bangkok",
        level="province",
        code="10",
        name_en="Bangkok",
        name_th="กรุงเทพมหานคร",
        name_fa="بانکوک",
        geometry=hull,
    )
    for code, name_en, name_th, _centre in DISTRICTS:
        b.area(
            PILOT_KEYS.get(code, f"khet_{code}"),
            level="district",
            parent="bangkok",
            code=code,
            name_en=name_en,
            name_th=name_th,
            geometry=cells[code],
        )
    for district_code, communities in PILOTS.items():
        cell = cells[district_code]
        spots, radius = geometry.spots_inside(cell, len(communities), seed=district_code)
        for spot, (key, code, name_en, name_th, registration, drawn) in zip(
            spots, communities, strict=True
        ):
            shape = geometry.blob(spot, radius, seed=key) if drawn else geometry.point(spot)
            b.area(
                key,
                level="community",
                parent=PILOT_KEYS[district_code],
                code=code,
                name_en=name_en,
                name_th=name_th,
                registration=registration,
                geometry=shape,
            )
    _organisations(b)


def _organisations(b: DemoBuilder) -> None:
    kind = Organisation.Kind
    # CODI and the NHA work nationwide; the demo has no country level, so they sit on
    # Bangkok, which is where the demo's Thai users can see them.
    b.organisation(
        "codi",
        kind=kind.GOVERNMENT_AGENCY,
        area="bangkok",
        short_name_en="CODI",
        short_name_th="พอช.",
        name_en="Community Organizations Development Institute",
        name_th="สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
    )
    b.organisation(
        "bma",
        kind=kind.MUNICIPALITY,
        area="bangkok",
        short_name_en="BMA",
        short_name_th="กทม.",
        name_en="Bangkok Metropolitan Administration",
        name_th="กรุงเทพมหานคร",
    )
    b.organisation(
        "nha",
        kind=kind.GOVERNMENT_AGENCY,
        area="bangkok",
        short_name_en="NHA",
        short_name_th="กคช.",
        name_en="National Housing Authority",
        name_th="การเคหะแห่งชาติ",
    )
    for key in PILOT_KEYS.values():
        district = b.areas[key]
        b.organisation(
            f"{key}_office",
            kind=kind.DISTRICT_OFFICE,
            area=key,
            name_en=f"{district.name_en} District Office",
            name_th=f"สำนักงานเขต{district.name_th}",
        )
    b.organisation(
        "kt_network",
        kind=kind.COMMUNITY_NETWORK,
        area="khlong_toei",
        name_en="Khlong Toei Community Network",
        name_th="เครือข่ายชุมชนคลองเตย",
    )
    b.organisation(
        "lock_123_coop",
        kind=kind.COOPERATIVE,
        area="lock_123",
        name_en="Lock 1-2-3 Baan Mankong Housing Cooperative",
        name_th="สหกรณ์เคหสถานบ้านมั่นคงชุมชนล็อค 1-2-3 จำกัด",
    )
