"""Objects the permission matrix (tests/test_permission_matrix.py) needs for the web-form URLs.

Each helper may be called several times in one test (once per persona): it makes its objects
once and finds them again after that.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.surveys.models import FormMedia, FormVersion, Submission
from mahalla.surveys.testing import household_xml, make_version


def kt_version(world) -> FormVersion:
    found = FormVersion.objects.filter(form__xml_form_id="household", version="1").first()
    return found or make_version(world.khlong_toei)


def kt_webform(world) -> dict[str, Any]:
    return {"pk": kt_version(world).pk}


def kt_webform_list(world) -> dict[str, Any]:
    kt_version(world)
    return {}


def kt_media(world) -> dict[str, Any]:
    version = kt_version(world)
    if not FormMedia.objects.filter(version=version, name="logo.png").exists():
        media = FormMedia(version=version, name="logo.png", kind="image", size=4)
        media.file.save("logo.png", ContentFile(b"\x89PNG"), save=False)
        media.save()
    return {"pk": version.pk, "name": "logo.png"}


def kt_submission(world) -> dict[str, Any]:
    xml = household_xml(kt_version(world))
    return {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml")}


def kt_form_name(world) -> str:
    return kt_version(world).form.name


def submissions(world) -> int:
    return Submission.objects.count()
