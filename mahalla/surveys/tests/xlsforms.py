"""Workbooks for the form tests, generated with openpyxl (and xlwt-free .xls from fixtures)."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

SURVEY = [
    ["type", "name", "label::English (en)", "label::Thai (th)", "label::Persian (fa)"],
    ["text", "hh_name", "Household name", "ชื่อครัวเรือน", "نام خانوار"],
    ["select_one yn", "owner", "Owns the house?", "เป็นเจ้าของบ้านหรือไม่", "مالک خانه است؟"],
    ["integer", "rooms", "Rooms", "จำนวนห้อง", "تعداد اتاق"],
]
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Thai (th)", "label::Persian (fa)"],
    ["yn", "yes", "Yes", "ใช่", "بله"],
    ["yn", "no", "No", "ไม่ใช่", "خیر"],
]


def settings_rows(form_id="houses", version="1", title="Houses", **extra):
    head = ["form_id", "version", "form_title", *extra]
    return [head, [form_id, version, title, *extra.values()]]


def workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx(survey=None, choices=None, settings=None, name="houses.xlsx") -> SimpleUploadedFile:
    sheets = {"survey": SURVEY if survey is None else survey}
    if choices is not False:
        sheets["choices"] = CHOICES if choices is None else choices
    if settings is not False:
        sheets["settings"] = settings_rows() if settings is None else settings
    return upload(workbook(sheets), name)


def upload(data: bytes, name: str = "houses.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
