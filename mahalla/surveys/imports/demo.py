"""Demo data for survey data imports: one written import of a small household table."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.surveys.imports import service
from mahalla.surveys.models import FormVersion, SurveyImport

HEADER = ["ชื่อครัวเรือน", "ละติจูด", "ลองจิจูด", "การถือครอง", "ห้อง"]
ROWS = [
    ["บ้านสมชาย", "13.7105", "100.5601", "ผู้เช่า", "2"],
    ["บ้านมานี", "13.7112", "100.5612", "เจ้าของ", "3"],
    ["บ้านประยูร", "13.7098", "100.5594", "ไม่มีเอกสารสิทธิ์", "1"],
]


def build(
    *,
    version: FormVersion,
    user: Any,
    header: list[str] = HEADER,
    rows: list[list[str]] = ROWS,
    name: str = "ครัวเรือน-2568.csv",
) -> SurveyImport:
    """Import three households into `version` (a form with the questions of
    `surveys.testing.HOUSEHOLD_MD`: hh_name, location, house/tenure, house/rooms), uploaded,
    checked and written as `user` (who needs MANAGE_SURVEYS on the form's area; the demo
    administrator will do). The locations lie in Khlong Toei, around Lock 1-2-3. Safe to run
    twice: the second import finds the same instance IDs stored and writes nothing.
    `header` and `rows` give another table (its columns are guessed from their names)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    upload = SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"))
    job = service.import_upload(user=user, version=version, uploaded_file=upload)
    job = service.import_start(job=job, user=user, mapping=job.mapping)
    if job.awaiting_confirmation:
        job = service.import_confirm(job=job, user=user)
    return job
