"""Test helpers: a small multilingual household form, versions and submissions built quickly.

These bypass the upload pages (which are tested on their own) so that OpenRosa, parsing,
review and export tests can start from a published version in one line.
"""

from __future__ import annotations

import hashlib
import uuid
from xml.sax.saxutils import escape

from django.utils import timezone
from pyxform.xls2xform import convert

from mahalla.surveys import xform_fields
from mahalla.surveys.models import Form, FormVersion

# A household with a location, a group and a repeat of members (with a select_multiple).
HOUSEHOLD_MD = """
| survey |
| | type | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | text | hh_name | Household name | ชื่อครัวเรือน | نام خانوار |
| | geopoint | location | Location | ที่ตั้ง | موقعیت |
| | begin group | house | House | บ้าน | خانه |
| | select_one tenure | tenure | Tenure | การถือครอง | تصرف |
| | integer | rooms | Rooms | ห้อง | اتاق |
| | end group | | | | |
| | begin repeat | members | Members | สมาชิก | اعضا |
| | text | member_name | Name | ชื่อ | نام |
| | integer | age | Age | อายุ | سن |
| | select_multiple needs | needs | Needs | ความต้องการ | نیازها |
| | end repeat | | | | |
| choices |
| | list_name | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | tenure | owner | Owner | เจ้าของ | مالک |
| | tenure | tenant | Tenant | ผู้เช่า | مستأجر |
| | tenure | none | No documented right | ไม่มีเอกสารสิทธิ์ | بدون سند |
| | needs | disability | Disability | ความพิการ | معلولیت |
| | needs | elderly | Elderly | ผู้สูงอายุ | سالمند |
| settings |
| | form_id | version | form_title | default_language |
| | {form_id} | {version} | Household survey | English (en) |
"""


def convert_md(md: str, **fmt: str):
    return convert(md.format(**fmt), file_type=".md", form_name="data")


def make_version(
    area,
    *,
    form_id: str = "household",
    version: str = "1",
    publish: bool = True,
    md: str = HOUSEHOLD_MD,
    user=None,
) -> FormVersion:
    """A form (created if new) with one version converted by pyxform from markdown XLSForm."""
    result = convert_md(md, form_id=form_id, version=version)
    survey = result._pyxform
    form, _ = Form.objects.get_or_create(
        xml_form_id=form_id,
        defaults={"area": area, "name_en": survey.get("title", form_id), "created_by": user},
    )
    xform = result.xform
    return FormVersion.objects.create(
        form=form,
        version=version,
        state=FormVersion.State.PUBLISHED if publish else FormVersion.State.DRAFT,
        xform=xform,
        xform_md5=hashlib.md5(xform.encode()).hexdigest(),  # noqa: S324 - OpenRosa's hash
        fields=xform_fields.flatten(survey),
        languages=xform_fields.languages(survey),
        titles={"default": survey.get("title", form_id)},
        created_by=user,
        published_at=timezone.now() if publish else None,
    )


def open_campaign(area, *versions: FormVersion, name_en: str = "Khlong Toei 2026"):
    """An open campaign on `area` (no dates) with `versions`."""
    from mahalla.surveys.models import Campaign

    campaign = Campaign.objects.create(area=area, name_en=name_en, status=Campaign.Status.OPEN)
    campaign.form_versions.add(*versions)
    return campaign


def new_instance_id() -> str:
    return f"uuid:{uuid.uuid4()}"


def household_xml(
    version: FormVersion,
    *,
    instance_id: str | None = None,
    name: str = "บ้านสมชาย",
    location: tuple[float, float] | None = (100.5600, 13.7100),
    members: list[tuple[str, int, str]] = (("สมชาย", 54, "elderly"), ("มานี", 12, "")),
    tenure: str = "tenant",
    deprecated_id: str = "",
    photo: str = "",
) -> bytes:
    """The XML ODK Collect would send for HOUSEHOLD_MD (location given as lon, lat)."""
    instance_id = instance_id or new_instance_id()
    geo = f"{location[1]} {location[0]} 0 5" if location else ""
    rows = "".join(
        f"<members><member_name>{escape(m)}</member_name><age>{a}</age><needs>{n}</needs></members>"
        for m, a, n in members
    )
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    photo_el = f"<photo>{escape(photo)}</photo>" if photo else ""
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{version.form.xml_form_id}" '
        f'version="{version.version}"><hh_name>{escape(name)}</hh_name>'
        f"<location>{geo}</location><house><tenure>{tenure}</tenure><rooms>2</rooms></house>"
        f"{rows}{photo_el}<meta><instanceID>{instance_id}</instanceID>{deprecated}</meta></data>"
    ).encode()


def household_data(
    *,
    instance_id: str,
    name: str = "บ้านสมชาย",
    location: tuple[float, float] | None = (100.5600, 13.7100),
    members: list[tuple[str, int, list[str]]] = (("สมชาย", 54, ["elderly"]), ("มานี", 12, [])),
    tenure: str = "tenant",
) -> dict:
    """Parsed JSON of a HOUSEHOLD_MD submission, as the parse step writes it (common contract)."""
    return {
        "hh_name": name,
        "location": (
            {"type": "Point", "coordinates": [location[0], location[1], 0.0], "accuracy": 5.0}
            if location
            else None
        ),
        "house": {"tenure": tenure, "rooms": 2},
        "members": [{"member_name": m, "age": a, "needs": list(n) or None} for m, a, n in members],
        "meta": {"instanceID": instance_id},
    }


def make_parsed_submission(
    version: FormVersion,
    data: dict | None = None,
    *,
    area=None,
    campaign=None,
    review_state: str = "received",
    user=None,
    instance_id: str | None = None,
    created_at=None,
):
    """A Submission with one parsed SubmissionVersion (no XML parsing: `data` as given)."""
    from mahalla.surveys.models import Submission, SubmissionVersion

    instance_id = instance_id or (data or {}).get("meta", {}).get("instanceID") or new_instance_id()
    if data is None:
        data = household_data(instance_id=instance_id)
    submission = Submission.objects.create(
        form=version.form,
        instance_id=instance_id,
        campaign=campaign,
        area=area,
        review_state=review_state,
        submitted_by=user,
    )
    current = SubmissionVersion.objects.create(
        submission=submission,
        instance_id=instance_id,
        form_version=version,
        xml=b"<data/>",
        xml_sha256="0" * 64,
        data=data,
        parsed_at=timezone.now(),
        submitted_by=user,
    )
    updates = {"current": current}
    if created_at is not None:
        updates["created_at"] = created_at
    Submission.objects.filter(pk=submission.pk).update(**updates)
    submission.refresh_from_db()
    return submission


# --- submissions ---
NESTED_MD = """
| survey |
| | type | name | label::English (en) | label::Thai (th) | label::Persian (fa) |
| | geoshape | plot | Plot | แปลง | قطعه |
| | begin repeat | buildings | Buildings | อาคาร | ساختمان‌ها |
| | text | use | Use | การใช้ | کاربری |
| | begin repeat | floors | Floors | ชั้น | طبقات |
| | decimal | floor_area | Floor area | พื้นที่ชั้น | مساحت طبقه |
| | end repeat | | | | |
| | end repeat | | | | |
| | image | photo | Photo | รูป | عکس |
| settings |
| | form_id | version | form_title | default_language |
| | {form_id} | {version} | Buildings | English (en) |
"""


def make_submission(
    version: FormVersion,
    *,
    xml: bytes | None = None,
    user=None,
    campaign=None,
    process: bool = True,
    submission=None,
    **household: object,
):
    """A stored submission (raw XML first, as the intake stores it), then processed.

    With `submission`, the XML is added as a new version of it (an edit) and made current.
    """
    from mahalla.surveys.models import Submission, SubmissionVersion
    from mahalla.surveys.submissions.parse import parse_root
    from mahalla.surveys.submissions.processing import process_version

    xml = xml if xml is not None else household_xml(version, **household)
    instance_id = str(household.get("instance_id") or "")
    deprecated = str(household.get("deprecated_id") or "")
    if not instance_id:
        try:
            root = parse_root(xml)
            found = root.find(".//{*}instanceID")
            instance_id = found.text if found is not None else new_instance_id()
        except Exception:  # noqa: BLE001 - a broken XML still gets stored
            instance_id = new_instance_id()
    if submission is None:
        submission = Submission.objects.create(
            form=version.form, instance_id=instance_id, campaign=campaign, submitted_by=user
        )
    sv = SubmissionVersion.objects.create(
        submission=submission,
        instance_id=instance_id,
        deprecated_id=deprecated,
        form_version=version,
        xml=xml,
        xml_sha256=hashlib.sha256(xml).hexdigest(),
        submitted_by=user,
    )
    Submission.objects.filter(pk=submission.pk).update(current=sv)
    if process:
        process_version(sv.pk)
    submission.refresh_from_db()
    return submission
