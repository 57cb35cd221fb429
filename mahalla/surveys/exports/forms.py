"""The export page's form: filters (dates in the reader's calendar) and how to write it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import LocalDateField
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.surveys.exports.query import Filters
from mahalla.surveys.exports.tables import GEO_TYPES, Options
from mahalla.surveys.models import Campaign, ExportFormat, Form, ReviewState

LANGUAGES = (
    ("default", _("the form's default language")),
    ("th", "ไทย"),
    ("fa", "فارسی"),
    ("en", "English"),
)
AREA_LEVELS_BELOW = 2  # the area filter lists the form's area and two levels beneath
AREA_CHOICES_MAX = 500


class AreaChoiceField(forms.ModelChoiceField):
    base_depth = 0

    def label_from_instance(self, obj: Area) -> str:
        return f"{'· ' * max(0, obj.depth - self.base_depth)}{obj.name}"


class ExportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False,
        empty_label=_("All campaigns"),
    )  # fmt: skip
    area = AreaChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False,
        empty_label=_("All areas"),
        help_text=_("Submissions in this area and the areas inside it."),
    )  # fmt: skip
    states = forms.MultipleChoiceField(
        label=_("Review state"), choices=ReviewState.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every state."),
    )  # fmt: skip
    since = LocalDateField(label=_("Received from"), required=False)
    until = LocalDateField(label=_("Received until"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=ExportFormat.choices, initial=ExportFormat.CSV_ZIP,
        widget=forms.RadioSelect,
    )  # fmt: skip
    label_language = forms.ChoiceField(
        label=_("Language of labels"), choices=LANGUAGES, initial="default"
    )
    labels = forms.BooleanField(
        label=_("Choice labels instead of choice names"), required=False,
        help_text=_("For example “Tenant” rather than “tenant”."),
    )  # fmt: skip
    header_labels = forms.BooleanField(label=_("Question labels as column headers"), required=False)
    split_multiple = forms.BooleanField(
        label=_("One 0/1 column per choice of a multiple-choice question"), required=False
    )
    attachments = forms.BooleanField(
        label=_("Include attachments (photos, files) in the zip"), required=False
    )
    geo_field = forms.ChoiceField(label=_("Location for GeoJSON"), required=False, choices=())

    def __init__(self, *args: Any, user: Any, form: Form, fields: list[dict], **kwargs: Any):
        super().__init__(*args, **kwargs)
        campaigns = Campaign.objects.filter(form_versions__form=form).distinct()
        self.fields["campaign"].queryset = for_user(user, Perm.EXPORT_SUBMISSIONS, campaigns)
        base = form.area
        areas = for_user(
            user,
            Perm.VIEW_AREA,
            Area.objects.filter(
                path__startswith=base.path, depth__lte=base.depth + AREA_LEVELS_BELOW
            ),
        ).order_by("path")[:AREA_CHOICES_MAX]
        self.fields["area"].queryset = Area.objects.filter(pk__in=[a.pk for a in areas]).order_by(
            "path"
        )
        self.fields["area"].base_depth = base.depth
        geo = [q for q in fields if q.get("type") in GEO_TYPES and not q.get("repeat")]
        self.fields["geo_field"].choices = [(q["path"], q["path"].strip("/")) for q in geo]

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()

        def start_of(day: Any) -> datetime | None:
            return datetime.combine(day, time.min, tzinfo=zone) if day else None

        until = data.get("until")
        return Filters(
            campaign=data["campaign"].pk if data.get("campaign") else None,
            area=data["area"].pk if data.get("area") else None,
            states=tuple(data.get("states") or ()),
            since=start_of(data.get("since")),
            until=start_of(until + timedelta(days=1)) if until else None,
        )

    def options(self) -> Options:
        data = self.cleaned_data
        return Options(
            language=data.get("label_language") or "default",
            labels=bool(data.get("labels")),
            header_labels=bool(data.get("header_labels")),
            split_multiple=bool(data.get("split_multiple")),
        )
