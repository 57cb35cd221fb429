"""A demo form with a media file: a community walk whose community list is a CSV that the
form reads with `select_one_from_file` (ODK Collect downloads it with the form)."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.places.models import Area

FORM = SimpleNamespace(
    FORM_ID="community_walk",
    VERSION="2026120101",
    REGISTRY_MAPPING="",
    TITLES={"en": "Community walk", "th": "เดินสำรวจชุมชน", "fa": "بازدید میدانی محله"},
    SURVEY=[
        (
            "select_one_from_file communities.csv",
            "community",
            "Community",
            "ชุมชน",
            "محله",
            {"required": "yes"},
        ),
        ("geopoint", "spot", "Where are you?", "ตำแหน่งที่สำรวจ", "کجا هستید؟", {}),
        (
            "select_one problem",
            "problem",
            "What needs attention here?",
            "จุดนี้มีปัญหาอะไร",
            "این‌جا چه مشکلی هست؟",
            {},
        ),
        ("text", "note", "Notes", "บันทึก", "یادداشت", {}),
    ],
    CHOICES={
        "problem": [
            ("flooding", "Flooding", "น้ำท่วมขัง", "آب‌گرفتگی"),
            ("fire_risk", "Fire risk", "เสี่ยงอัคคีภัย", "خطر آتش‌سوزی"),
            ("narrow_path", "Path too narrow", "ทางเดินแคบ", "معبر باریک"),
            ("waste", "Solid waste", "ขยะ", "پسماند"),
        ]
    },
)


def communities_csv(area: Area) -> bytes:
    """The communities beneath `area` in the columns select_one_from_file reads."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "label::English (en)", "label::Thai (th)", "label::Persian (fa)"])
    rows = Area.objects.filter(path__startswith=area.path, level__is_community=True)
    for row in rows.order_by("path"):
        writer.writerow([f"a{row.pk}", row.name_en, row.name_th, row.name_fa])
    return out.getvalue().encode("utf-8")


def build(*, area: Area, owner: Area, user=None):
    """The walk form on `owner`, its CSV of `area`'s communities uploaded, published."""
    from mahalla.surveys.forms import services
    from mahalla.surveys.forms.default_forms.build import workbook
    from mahalla.surveys.models import FormVersion

    version = FormVersion.objects.filter(
        form__xml_form_id=FORM.FORM_ID, version=FORM.VERSION
    ).first()
    if version is None:
        upload = SimpleUploadedFile(f"{FORM.FORM_ID}.xlsx", workbook(FORM))
        version = services.create_version_from_upload(user=user, uploaded_file=upload, area=owner)
    if version.state == FormVersion.State.DRAFT:
        for media in version.media.filter(file=""):
            csv_file = SimpleUploadedFile(media.name, communities_csv(area), "text/csv")
            services.upload_media(version=version, user=user, uploaded_file=csv_file)
        version = services.publish(version, user)
    return version
