"""Household follow-up: pick a household of the registry (from `households.csv`, served by
`registry.follow_up`) and update what changed, instead of surveying it as a new one."""

from __future__ import annotations

from mahalla.surveys.forms.default_forms import household_survey

FORM_ID = "household_update"
VERSION = "2026120101"
REGISTRY_MAPPING = "household_update"
TITLES = {"en": "Household follow-up", "th": "ติดตามข้อมูลครัวเรือน", "fa": "پیگیری خانوار"}

SURVEY = [
    (
        "select_one_from_file households.csv",
        "household",
        "Which household?",
        "ครัวเรือนใด",
        "کدام خانوار؟",
        {"required": "yes", "appearance": "autocomplete"},
    ),
    (
        "text",
        "head_name",
        "Name of the head of household, if it changed",
        "ชื่อหัวหน้าครัวเรือน (ถ้าเปลี่ยน)",
        "نام سرپرست خانوار (اگر تغییر کرده است)",
        {},
    ),
    *(row for row in household_survey.SURVEY if row[1] in {
        "income_band", "house_condition", "tenure", "savings_member"}),
]  # fmt: skip

CHOICES = {
    name: household_survey.CHOICES[name] for name in ("income", "condition", "tenure", "yes_no")
}


def load(*, area, user=None):
    """The follow-up form on `area`, published (idempotent, as the default forms' loader)."""
    import sys

    from mahalla.surveys.forms import services
    from mahalla.surveys.forms.default_forms.build import uploaded
    from mahalla.surveys.models import Form, FormVersion

    module = sys.modules[__name__]
    existing = FormVersion.objects.filter(form__xml_form_id=FORM_ID, version=VERSION).first()
    if existing is None:
        existing = services.create_version_from_upload(
            user=user,
            uploaded_file=uploaded(module),
            area=area,
            form=Form.objects.filter(xml_form_id=FORM_ID).first(),
            registry_mapping=REGISTRY_MAPPING,
        )
    if existing.state == FormVersion.State.DRAFT:
        existing = services.publish(existing, user)
    return existing
