"""Community profile: one submission per community (PRODUCT.md C3, settlement profile)."""

from __future__ import annotations

from mahalla.surveys import registry_hook

FORM_ID = "community_profile"
VERSION = "2026120101"
REGISTRY_MAPPING = registry_hook.COMMUNITY_PROFILE
TITLES = {"en": "Community profile", "th": "ข้อมูลชุมชน", "fa": "شناسنامه محله"}

# (type, name, English, Thai, Persian, {other columns})
SURVEY = [
    ("text", "community_name", "Community name", "ชื่อชุมชน", "نام محله", {"required": "yes"}),
    ("geopoint", "location", "Location of the community", "ที่ตั้งชุมชน", "موقعیت محله", {}),
    ("geoshape", "boundary", "Boundary of the community", "ขอบเขตชุมชน", "محدوده محله", {}),
    ("begin group", "land", "Land and tenure", "ที่ดินและการครอบครอง", "زمین و تصرف", {}),
    (
        "select_one land_owner",
        "land_owner_type",
        "Who owns the land?",
        "ใครเป็นเจ้าของที่ดิน",
        "مالک زمین کیست؟",
        {"required": "yes"},
    ),
    (
        "select_one tenure",
        "tenure_situation",
        "Tenure situation of most households",
        "สถานะการครอบครองที่ดินของครัวเรือนส่วนใหญ่",
        "وضعیت تصرف بیشتر خانوارها",
        {"required": "yes"},
    ),
    (
        "select_one eviction",
        "eviction_threat",
        "Is there a threat of eviction?",
        "มีความเสี่ยงถูกไล่รื้อหรือไม่",
        "آیا خطر تخلیه اجباری وجود دارد؟",
        {},
    ),
    ("end group", "", "", "", "", {}),
    ("begin group", "people", "Houses and people", "บ้านและประชากร", "خانه‌ها و جمعیت", {}),
    ("integer", "houses", "Number of houses", "จำนวนบ้าน", "تعداد خانه‌ها", {"constraint": ". >= 0"}),
    (
        "integer",
        "households",
        "Number of households",
        "จำนวนครัวเรือน",
        "تعداد خانوارها",
        {"constraint": ". >= 0"},
    ),
    ("integer", "population", "Population", "จำนวนประชากร", "جمعیت", {"constraint": ". >= 0"}),
    ("end group", "", "", "", "", {}),
    (
        "begin group",
        "infrastructure",
        "Infrastructure",
        "สาธารณูปโภค",
        "زیرساخت‌ها",
        {},
    ),
    ("select_one access", "water", "Piped water", "น้ำประปา", "آب لوله‌کشی", {}),
    ("select_one access", "electricity", "Electricity", "ไฟฟ้า", "برق", {}),
    ("select_one access", "drainage", "Drainage", "ระบบระบายน้ำ", "زهکشی و فاضلاب", {}),
    (
        "decimal",
        "access_road_width",
        "Width of the main access road (metres)",
        "ความกว้างของทางเข้าหลัก (เมตร)",
        "عرض راه دسترسی اصلی (متر)",
        {"constraint": ". >= 0 and . < 100"},
    ),
    ("select_one access", "toilets", "Toilets", "ห้องส้วม", "سرویس بهداشتی", {}),
    (
        "select_one waste",
        "solid_waste",
        "Solid waste collection",
        "การเก็บขยะมูลฝอย",
        "جمع‌آوری پسماند",
        {},
    ),
    ("end group", "", "", "", "", {}),
    (
        "select_multiple hazard",
        "hazards",
        "Hazards the community faces",
        "ภัยที่ชุมชนเผชิญ",
        "مخاطراتی که محله با آن روبه‌روست",
        {},
    ),
    (
        "select_multiple service",
        "services",
        "Services within walking distance",
        "บริการที่เดินไปถึงได้",
        "خدمات در فاصله پیاده",
        {},
    ),
    (
        "select_one yes_no",
        "community_organisation",
        "Is there a community organisation?",
        "มีองค์กรชุมชนหรือไม่",
        "آیا نهاد محلی وجود دارد؟",
        {},
    ),
    (
        "select_one yes_no",
        "savings_group",
        "Is there a savings group?",
        "มีกลุ่มออมทรัพย์หรือไม่",
        "آیا صندوق پس‌انداز محلی وجود دارد؟",
        {},
    ),
    ("text", "notes", "Notes", "หมายเหตุ", "یادداشت‌ها", {"appearance": "multiline"}),
]

CHOICES = {
    "land_owner": [
        ("state_agency", "State agency", "หน่วยงานรัฐ", "دستگاه دولتی"),
        ("crown_property", "Crown property", "ทรัพย์สินพระมหากษัตริย์", "اموال سلطنتی"),
        ("municipal", "Municipality", "กรุงเทพมหานคร / เทศบาล", "شهرداری"),
        ("religious", "Temple / waqf", "วัด / ที่ดินศาสนา", "موقوفه"),
        ("private_individual", "Private individual", "เอกชน (บุคคล)", "مالک خصوصی (شخص)"),
        ("private_company", "Private company", "เอกชน (บริษัท)", "شرکت خصوصی"),
        ("communal", "Communal", "ที่ดินส่วนรวม", "زمین مشاع"),
        ("unknown", "Unknown", "ไม่ทราบ", "نامعلوم"),
    ],
    "tenure": [
        ("title", "Title deed", "โฉนด", "سند مالکیت"),
        ("lease", "Lease", "สัญญาเช่า", "اجاره‌نامه"),
        ("permit", "Permit", "ใบอนุญาต", "مجوز"),
        ("none", "No documented right", "ไม่มีเอกสารสิทธิ์", "بدون سند"),
    ],
    "eviction": [
        ("none", "No threat", "ไม่มี", "خطری نیست"),
        ("possible", "Possible", "อาจเกิดขึ้น", "ممکن است"),
        ("notice", "Eviction notice received", "ได้รับหนังสือแจ้งให้รื้อย้าย", "اخطار تخلیه دریافت شده"),
    ],
    "access": [
        ("all", "All households", "ทุกครัวเรือน", "همه خانوارها"),
        ("some", "Some households", "บางครัวเรือน", "برخی خانوارها"),
        ("none", "None", "ไม่มี", "هیچ‌کدام"),
    ],
    "waste": [
        ("collected", "Collected regularly", "มีการเก็บสม่ำเสมอ", "جمع‌آوری منظم"),
        ("irregular", "Collected sometimes", "เก็บบ้างไม่เก็บบ้าง", "جمع‌آوری نامنظم"),
        ("none", "Not collected", "ไม่มีการเก็บ", "جمع‌آوری نمی‌شود"),
    ],
    "hazard": [
        ("flood", "Flood", "น้ำท่วม", "سیل"),
        ("fire", "Fire", "ไฟไหม้", "آتش‌سوزی"),
    ],
    "service": [
        ("school", "School", "โรงเรียน", "مدرسه"),
        ("health", "Health centre", "ศูนย์บริการสาธารณสุข", "مرکز بهداشت"),
        ("market", "Market", "ตลาด", "بازار"),
        ("transport", "Public transport", "ขนส่งสาธารณะ", "حمل‌ونقل عمومی"),
    ],
    "yes_no": [
        ("yes", "Yes", "มี", "بله"),
        ("no", "No", "ไม่มี", "خیر"),
    ],
}
