"""Household survey: one submission per household, members as a repeat (PRODUCT.md C3)."""

from __future__ import annotations

from mahalla.surveys import registry_hook

FORM_ID = "household_survey"
VERSION = "2026120101"
REGISTRY_MAPPING = registry_hook.HOUSEHOLD_SURVEY
TITLES = {"en": "Household survey", "th": "แบบสำรวจครัวเรือน", "fa": "پرسش‌نامه خانوار"}

SURVEY = [
    ("geopoint", "location", "Location of the house", "ที่ตั้งบ้าน", "موقعیت خانه", {}),
    (
        "text",
        "head_name",
        "Name of the head of household",
        "ชื่อหัวหน้าครัวเรือน",
        "نام سرپرست خانوار",
        {"required": "yes"},
    ),
    ("begin repeat", "members", "Household members", "สมาชิกในครัวเรือน", "اعضای خانوار", {}),
    ("text", "member_name", "Name", "ชื่อ", "نام", {"required": "yes"}),
    (
        "integer",
        "age",
        "Age (years)",
        "อายุ (ปี)",
        "سن (سال)",
        {"constraint": ". >= 0 and . <= 120"},
    ),
    ("select_one sex", "sex", "Sex", "เพศ", "جنسیت", {}),
    ("select_one yes_no", "disability", "Disability", "ความพิการ", "معلولیت", {}),
    (
        "select_one yes_no",
        "chronic_illness",
        "Chronic illness",
        "โรคเรื้อรัง",
        "بیماری مزمن",
        {},
    ),
    (
        "select_one yes_no",
        "elderly_alone",
        "Elderly person living alone",
        "ผู้สูงอายุที่อยู่ลำพัง",
        "سالمند تنها",
        {"relevant": "${age} >= 60"},
    ),
    (
        "select_one occupation",
        "occupation",
        "Occupation",
        "อาชีพ",
        "شغل",
        {"relevant": "${age} >= 15"},
    ),
    ("end repeat", "", "", "", "", {}),
    (
        "select_one income",
        "income_band",
        "Monthly household income",
        "รายได้ครัวเรือนต่อเดือน",
        "درآمد ماهانه خانوار",
        {},
    ),
    (
        "select_one condition",
        "house_condition",
        "Condition of the house",
        "สภาพบ้าน",
        "وضعیت خانه",
        {},
    ),
    (
        "select_one tenure",
        "tenure",
        "Tenure of the house",
        "การครอบครองบ้าน",
        "وضعیت تصرف خانه",
        {},
    ),
    (
        "select_one yes_no",
        "savings_member",
        "Is someone a member of the savings group?",
        "มีสมาชิกกลุ่มออมทรัพย์หรือไม่",
        "آیا کسی عضو صندوق پس‌انداز محلی است؟",
        {},
    ),
]

CHOICES = {
    "sex": [
        ("female", "Female", "หญิง", "زن"),
        ("male", "Male", "ชาย", "مرد"),
        ("other", "Other / prefer not to say", "อื่น ๆ / ไม่ประสงค์ตอบ", "دیگر / ترجیح می‌دهم نگویم"),
    ],
    "yes_no": [
        ("yes", "Yes", "ใช่", "بله"),
        ("no", "No", "ไม่ใช่", "خیر"),
    ],
    "occupation": [
        ("employee", "Employee", "ลูกจ้าง / พนักงาน", "کارمند / کارگر"),
        ("daily_labour", "Daily labourer", "รับจ้างรายวัน", "کارگر روزمزد"),
        ("trader", "Trader / vendor", "ค้าขาย", "فروشنده / کاسب"),
        ("own_business", "Own business", "ธุรกิจส่วนตัว", "کسب‌وکار شخصی"),
        ("student", "Student", "นักเรียน / นักศึกษา", "دانش‌آموز / دانشجو"),
        ("unemployed", "Without work", "ว่างงาน", "بیکار"),
        ("retired", "Retired", "เกษียณ", "بازنشسته"),
        ("other", "Other", "อื่น ๆ", "سایر"),
    ],
    "income": [
        (
            "very_low",
            "Very low (not enough for food)",
            "ต่ำมาก (ไม่พอค่าอาหาร)",
            "بسیار کم (کافی برای خوراک نیست)",
        ),
        ("low", "Low (enough for food only)", "ต่ำ (พอแค่ค่าอาหาร)", "کم (فقط کافی برای خوراک)"),
        (
            "middle",
            "Middle (covers basic needs)",
            "ปานกลาง (พอค่าใช้จ่ายจำเป็น)",
            "متوسط (نیازهای پایه را پوشش می‌دهد)",
        ),
        (
            "above",
            "Above middle (can save)",
            "สูงกว่าปานกลาง (มีเหลือเก็บ)",
            "بالاتر از متوسط (امکان پس‌انداز دارد)",
        ),
    ],
    "condition": [
        ("good", "Good", "ดี", "خوب"),
        ("needs_repair", "Needs repair", "ต้องซ่อมแซม", "نیازمند تعمیر"),
        ("dilapidated", "Dilapidated", "ทรุดโทรม", "فرسوده"),
    ],
    "tenure": [
        ("owner", "Owner", "เจ้าของ", "مالک"),
        ("tenant", "Tenant", "ผู้เช่า", "مستأجر"),
        ("sub_tenant", "Sub-tenant", "ผู้เช่าช่วง", "مستأجر دست دوم"),
        (
            "occupant",
            "Occupant without documented rights",
            "ผู้อยู่อาศัยโดยไม่มีเอกสารสิทธิ์",
            "ساکن بدون سند",
        ),
        ("cooperative", "Cooperative member", "สมาชิกสหกรณ์", "عضو تعاونی"),
    ],
}
