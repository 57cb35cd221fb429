"""Build a default form's XLSForm workbook (openpyxl) and load it through the upload service."""

from __future__ import annotations

import io
from types import ModuleType

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from mahalla.surveys.forms.default_forms import community_profile, household_survey

DEFAULT_FORMS: tuple[ModuleType, ...] = (community_profile, household_survey)
LANGUAGES = (("en", "English (en)"), ("th", "Thai (th)"), ("fa", "Persian (fa)"))
EXTRA = ("required", "relevant", "constraint", "appearance")


def workbook(form: ModuleType) -> bytes:
    wb = openpyxl.Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", *(f"label::{n}" for _c, n in LANGUAGES), *EXTRA])
    for kind, name, en, th, fa, extra in form.SURVEY:
        survey.append([kind, name, en, th, fa, *(extra.get(column, "") for column in EXTRA)])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{n}" for _c, n in LANGUAGES)])
    for list_name, items in form.CHOICES.items():
        for name, en, th, fa in items:
            choices.append([list_name, name, en, th, fa])
    settings = wb.create_sheet("settings")
    settings.append(
        [
            "form_id",
            "version",
            "form_title",
            *(f"form_title::{n}" for _c, n in LANGUAGES),
            "default_language",
        ]
    )
    settings.append(
        [
            form.FORM_ID,
            form.VERSION,
            form.TITLES["en"],
            *(form.TITLES[code] for code, _n in LANGUAGES),
            "English (en)",
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def uploaded(form: ModuleType) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{form.FORM_ID}.xlsx", workbook(form))


def load(*, area, user=None, publish: bool = True) -> list:
    """Each default form on `area` (created, or its version added), published; idempotent:
    a form that already has this version is left as it is. Returns the versions."""
    from mahalla.surveys.forms import services
    from mahalla.surveys.models import Form, FormVersion

    versions = []
    for form_module in DEFAULT_FORMS:
        existing = FormVersion.objects.filter(
            form__xml_form_id=form_module.FORM_ID, version=form_module.VERSION
        ).first()
        if existing is None or existing.state == FormVersion.State.DRAFT:
            form = Form.objects.filter(xml_form_id=form_module.FORM_ID).first()
            existing = services.create_version_from_upload(
                user=user,
                uploaded_file=uploaded(form_module),
                area=area,
                form=form,
                registry_mapping=form_module.REGISTRY_MAPPING,
            )
        if publish and existing.state == FormVersion.State.DRAFT:
            existing = services.publish(existing, user)
        versions.append(existing)
    return versions
