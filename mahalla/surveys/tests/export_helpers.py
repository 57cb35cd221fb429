"""Shared bits of the export tests: a form with nested repeats, reading zips back."""

from __future__ import annotations

import csv
import io
import zipfile

# Rooms: a repeat inside a group; members with a nested repeat of children.
NESTED_MD = """
| survey |
| | type | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | text | hh_name | Household name | ชื่อครัวเรือน | نام خانوار |
| | geopoint | location | Location | ที่ตั้ง | موقعیت |
| | begin group | house | House | บ้าน | خانه |
| | select_one tenure | tenure | Tenure | การถือครอง | تصرف |
| | begin repeat | rooms | Rooms | ห้อง | اتاق‌ها |
| | integer | size | Size | ขนาด | اندازه |
| | end repeat | | | | |
| | end group | | | | |
| | begin repeat | members | Members | สมาชิก | اعضا |
| | text | member_name | Name | ชื่อ | نام |
| | select_multiple needs | needs | Needs | ความต้องการ | نیازها |
| | begin repeat | children | Children | บุตร | فرزندان |
| | text | child_name | Child | ชื่อบุตร | نام فرزند |
| | end repeat | | | | |
| | end repeat | | | | |
| choices |
| | list_name | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | tenure | owner | Owner | เจ้าของ | مالک |
| | tenure | tenant | Tenant | ผู้เช่า | مستأجر |
| | needs | disability | Disability | ความพิการ | معلولیت |
| | needs | elderly | Elderly | ผู้สูงอายุ | سالمند |
| settings |
| | form_id | version | form_title | default_language |
| | {form_id} | {version} | Nested survey | English (en) |
"""


def nested_data(instance_id: str) -> dict:
    return {
        "hh_name": "خانه رضا",
        "location": {"type": "Point", "coordinates": [51.4, 35.7, 1200.5], "accuracy": 4.5},
        "house": {"tenure": "owner", "rooms": [{"size": 12}, {"size": 9}]},
        "members": [
            {
                "member_name": "رضا",
                "needs": ["disability", "elderly"],
                "children": [{"child_name": "علی"}, {"child_name": "سارا"}],
            },
            {"member_name": "مریم", "needs": None, "children": []},
            {"member_name": "زهرا", "needs": ["elderly"], "children": [{"child_name": "نیما"}]},
        ],
        "meta": {"instanceID": instance_id},
    }


def read_zip(content: bytes) -> dict[str, list[list[str]]]:
    """Every CSV in the zip as rows (the BOM checked and dropped)."""
    tables = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if not name.endswith(".csv"):
                continue
            raw = archive.read(name)
            assert raw.startswith("\ufeff".encode()), f"{name} has no BOM"
            text = raw.decode("utf-8-sig")
            tables[name] = list(csv.reader(io.StringIO(text)))
    return tables


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)
