"""Export files made the way ODK Central, KoboToolbox and spreadsheet users make them.

Central's csv.zip follows its Briefcase-compatible export (central-backend lib/data/
briefcase.js): `SubmissionDate` first, groups joined by '-', a geopoint as four columns,
`meta-instanceID`, `KEY` and Central's own columns; one `<formid>-<repeat>.csv` per repeat with
`PARENT_KEY` and `KEY` (`<instanceID>/<repeat>[n]`). Kobo's XLSX follows formpack: columns by
group path joined by '/', `_<geopoint>_latitude`..., `_uuid`, `_index`; repeat sheets with
`_index`, `_parent_table_name`, `_parent_index`.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

CENTRAL_MAIN = [
    "SubmissionDate", "hh_name", "location-Latitude", "location-Longitude",
    "location-Altitude", "location-Accuracy", "house-tenure", "house-rooms",
    "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
    "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
]  # fmt: skip
CENTRAL_MEMBERS = ["member_name", "age", "needs", "PARENT_KEY", "KEY"]

# (instance id, name, lat, lon, tenure, rooms, [(member, age, needs)])
HOUSEHOLDS = [
    ("uuid:0d8b5c2e-0001-4000-8000-000000000001", "บ้านสมชาย", "13.71", "100.56", "tenant", "2",
     [("สมชาย", "54", "elderly"), ("มานี", "12", "")]),
    ("uuid:0d8b5c2e-0002-4000-8000-000000000002", "บ้านมานะ", "13.72", "100.57", "owner", "3",
     [("มานะ", "40", "disability elderly")]),
]  # fmt: skip


def _csv(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def central_zip(
    households=HOUSEHOLDS,
    *,
    extra_members=(),
    form_id: str = "household",
    photos: dict[str, str] | None = None,
    media: dict[str, bytes] | None = None,
) -> bytes:
    """`photos` {instance ID: file name} adds Central's `photo` column; `media` {file name:
    bytes} the `media/` folder Central writes when attachments are asked for."""
    main, members = [], []
    header = CENTRAL_MAIN + (["photo"] if photos is not None else [])
    for iid, name, lat, lon, tenure, rooms, people in households:
        main.append(
            ["2026-11-02T03:04:05.000Z", name, lat, lon, "0", "5", tenure, rooms, iid, iid,
             "7", "surveyor", "0", "0", "", "", "collect:abc", "0", "1"]
            + ([photos.get(iid, "")] if photos is not None else [])
        )  # fmt: skip
        for index, (member, age, needs) in enumerate(people, start=1):
            members.append([member, age, needs, iid, f"{iid}/members[{index}]"])
    members.extend(list(extra_members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{form_id}.csv", _csv(header, main))
        archive.writestr(f"{form_id}-members.csv", _csv(CENTRAL_MEMBERS, members))
        for file_name, data in (media or {}).items():
            archive.writestr(f"media/{file_name}", data)
    return buffer.getvalue()


def kobo_xlsx(households=HOUSEHOLDS, *, orphan: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Household survey"
    sheet.append(
        ["start", "end", "hh_name", "location", "_location_latitude", "_location_longitude",
         "_location_altitude", "_location_precision", "house/tenure", "house/rooms",
         "meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_notes",
         "_status", "_submitted_by", "__version__", "_tags", "_index"]
    )  # fmt: skip
    members = book.create_sheet("members")
    members.append(
        ["members/member_name", "members/age", "members/needs", "members/needs/disability",
         "members/needs/elderly", "_index", "_parent_table_name", "_parent_index",
         "_submission__id", "_submission__uuid"]
    )  # fmt: skip
    member_index = 0
    for index, (iid, name, lat, lon, tenure, rooms, people) in enumerate(households, start=1):
        uuid = iid.removeprefix("uuid:")
        sheet.append(
            ["2026-11-02T10:00:00", "2026-11-02T10:20:00", name, f"{lat} {lon} 0 5",
             float(lat), float(lon), 0, 5, tenure, int(rooms), iid, 1000 + index, uuid,
             "2026-11-02T03:21:00", "", "", "submitted_via_web", "surveyor", "vXyz", "", index]
        )  # fmt: skip
        for member, age, needs in people:
            member_index += 1
            members.append(
                [member, int(age), needs, int("disability" in needs), int("elderly" in needs),
                 member_index, "Household survey", index, 1000 + index, uuid]
            )  # fmt: skip
    if orphan:
        members.append(["ลอย", 30, "", 0, 0, member_index + 1, "Household survey", 99, 0, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_csv(rows: list[list[str]], header: list[str], encoding: str = "utf-8-sig") -> bytes:
    return _csv(header, rows, encoding)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
