"""Forms for adding an area beneath another and editing one by hand.

The forms check what one field can tell (lengths, numbers, ranges); the checks that need the
database or the parent's boundary are in `mahalla.places.editing`, whose errors the forms
show next to the fields they name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import AsciiDigitsCharField, LocalDecimalField
from mahalla.core.i18n.digits import format_number
from mahalla.core.i18n.inputs import mark_language_inputs, per_language_order
from mahalla.core.i18n.languages import resolve_language
from mahalla.places.editing import area_point, child_levels, default_child_level
from mahalla.places.forms import LevelChoiceField
from mahalla.places.models import Area

MAX_NAME = Area._meta.get_field("name_en").max_length
MAX_CODE = Area._meta.get_field("code").max_length
MAX_REASON = 100  # the length of the history's reason column

REGISTRATION_CHOICES = [
    (Area.Registration.UNREGISTERED, Area.Registration.UNREGISTERED.label),
    (Area.Registration.REGISTERED, Area.Registration.REGISTERED.label),
    (Area.Registration.NOT_APPLICABLE, Area.Registration.NOT_APPLICABLE.label),
]
REASON_HELP = _("Saved in the history, so others can understand the change later.")
# Coordinates of a place the reader knows (Khlong Toei for Thai officers, Tehran for
# Persian ones); English readers work across programmes and see both.
COORDINATE_EXAMPLES = {
    "th": (_("Khlong Toei, Bangkok"), Decimal("13.7225"), Decimal("100.5756")),
    "fa": (_("Tehran"), Decimal("35.6892"), Decimal("51.389")),
}


class LevelSelect(forms.Select):
    """Marks community levels, so the page can suggest "not registered" for them."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        level = getattr(value, "instance", None)
        if level is not None and level.is_community:
            option["attrs"]["data-community"] = "1"
        return option


def _name_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_NAME,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _coordinate_help(language: str) -> tuple[str, str]:
    """Latitude and longitude help texts with an example the reader recognises."""
    if language not in COORDINATE_EXAMPLES:
        return (
            _("In decimal degrees, for example 13.7225 in Bangkok or 35.6892 in Tehran."),
            _("In decimal degrees, for example 100.5756 in Bangkok or 51.389 in Tehran."),
        )
    place, latitude, longitude = COORDINATE_EXAMPLES[language]
    return tuple(
        _("In decimal degrees, for example %(value)s in %(place)s.")
        % {"value": format_number(value, language), "place": place}
        for value in (latitude, longitude)
    )


class AreaFieldsForm(forms.Form):
    """What adding and editing share: code, names, registration and a point."""

    code = AsciiDigitsCharField(
        label=_("Code"),
        max_length=MAX_CODE,
        required=False,
        help_text=_("Optional. The official code, if the place has one."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    name_th = _name_field(_("Name (Thai)"))
    name_fa = _name_field(_("Name (Persian)"))
    name_en = _name_field(_("Name (English)"))
    registration = forms.ChoiceField(
        label=_("Registration"), choices=REGISTRATION_CHOICES, required=False
    )
    latitude = LocalDecimalField(label=_("Latitude"), required=False)
    longitude = LocalDecimalField(label=_("Longitude"), required=False)

    location_fields = ("latitude", "longitude")
    # Fields before and after the names; the rest keep their declared order.
    leading_fields: tuple[str, ...] = ()
    fields_after_names: tuple[str, ...] = ("code", "registration")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = resolve_language()
        names = per_language_order("name", language)  # the reader's own language first
        self.order_fields([*self.leading_fields, *names, *self.fields_after_names])
        mark_language_inputs(self.fields, "name")
        help_texts = _coordinate_help(language)
        for name, help_text in zip(self.location_fields, help_texts, strict=True):
            self.fields[name].help_text = help_text

    @property
    def name_fields(self) -> list[forms.BoundField]:
        """The name inputs in the reader's order, for templates that group them."""
        return [self[name] for name in self.fields if name.startswith("name_")]

    def clean_latitude(self) -> Decimal | None:
        value = self.cleaned_data.get("latitude")
        if value is not None and not -90 <= value <= 90:
            raise ValidationError(_("A latitude lies between -90 and 90."))
        return value

    def clean_longitude(self) -> Decimal | None:
        value = self.cleaned_data.get("longitude")
        if value is not None and not -180 <= value <= 180:
            raise ValidationError(_("A longitude lies between -180 and 180."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "latitude" not in self.fields:
            return data
        latitude, longitude = data.get("latitude"), data.get("longitude")
        missing = None
        if latitude is None and longitude is not None and "latitude" not in self.errors:
            missing = "latitude"
        if longitude is None and latitude is not None and "longitude" not in self.errors:
            missing = "longitude"
        if missing:
            self.add_error(
                missing, _("Give both the latitude and the longitude, or leave both empty.")
            )
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field_name, messages in error.message_dict.items():
            self.add_error(field_name if field_name in self.fields else None, messages)

    def service_kwargs(self) -> dict[str, Any]:
        names = ("code", "name_en", "name_th", "name_fa", "registration", "reason")
        kwargs = {name: self.cleaned_data[name] for name in names if name in self.fields}
        if "latitude" in self.fields:
            kwargs["latitude"] = self.cleaned_data["latitude"]
            kwargs["longitude"] = self.cleaned_data["longitude"]
        return kwargs


class AreaCreateForm(AreaFieldsForm):
    level = LevelChoiceField(
        label=_("Level"), queryset=Area.objects.none(), empty_label=None, widget=LevelSelect
    )
    reason = forms.CharField(
        label=_("Reason for adding it"),
        required=False,
        max_length=MAX_REASON,
        help_text=REASON_HELP,
    )

    leading_fields = ("level",)

    def __init__(self, *args: Any, parent: Area | None, **kwargs: Any) -> None:
        """`parent` None: a top-level place, of any level."""
        super().__init__(*args, **kwargs)
        levels = list(child_levels(parent=parent))
        self.fields["level"].queryset = child_levels(parent=parent)
        level = default_child_level(parent=parent, levels=levels)
        if level is not None:
            self.fields["level"].initial = level.pk
            if level.is_community:
                self.fields["registration"].initial = Area.Registration.UNREGISTERED
        self.fields["registration"].help_text = _(
            "A community is recorded as not registered unless you choose otherwise. "
            "Other places: not applicable."
        )

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "level": self.cleaned_data["level"]}


class AreaUpdateForm(AreaFieldsForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=MAX_REASON,
        help_text=REASON_HELP,
        error_messages={"required": _("Say why you make this change.")},
    )

    def __init__(self, *args: Any, area: Area, location: bool, **kwargs: Any) -> None:
        initial = {
            "code": area.code,
            "name_en": area.name_en,
            "name_th": area.name_th,
            "name_fa": area.name_fa,
            "registration": area.registration,
        }
        point = area_point(area)
        if point is not None:
            initial["latitude"], initial["longitude"] = point
        super().__init__(*args, initial=initial, **kwargs)
        if not (area.level.is_community or area.registration):
            del self.fields["registration"]
        if not location:
            del self.fields["latitude"]
            del self.fields["longitude"]

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        kwargs.setdefault("registration", self.initial["registration"])
        kwargs["location"] = "latitude" in self.fields
        return kwargs
