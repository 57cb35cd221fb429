"""Forms of the place pages: search, boundary upload and the property mapping step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mahalla.places.boundary_imports.mapping_fields import add_check_fields, property_info
from mahalla.places.boundary_imports.mapping_guess import guess_mapping
from mahalla.places.geofiles.dbf_encoding import ARABIC, LATIN1, THAI, UTF8
from mahalla.places.models import Area, AreaLevel

ACCEPTED_BOUNDARY_FILES = ".geojson,.json,.gpkg,.zip,.kml"


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AreaLevel) -> str:
        return obj.name


class AreaFilterForm(forms.Form):
    REGISTRATION_CHOICES = [
        ("", _("any")),
        (Area.Registration.REGISTERED, _("registered communities")),
        (Area.Registration.UNREGISTERED, _("not registered communities")),
    ]

    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    level = LevelChoiceField(
        label=_("Level"),
        queryset=AreaLevel.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("all levels"),
    )
    registration = forms.ChoiceField(
        label=_("Registration"), choices=REGISTRATION_CHOICES, required=False
    )


class BoundaryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Boundary file"),
        help_text=_("GeoJSON, GeoPackage, zipped Shapefile or KML."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_BOUNDARY_FILES}),
    )


def _layers(inspection: dict) -> list[dict]:
    """Layers of an inspected file as dicts with at least a name and its properties."""
    layers = []
    for layer in inspection.get("layers") or []:
        if isinstance(layer, str):
            layers.append({"name": layer, "properties": []})
        elif isinstance(layer, dict):
            props = layer.get("properties") or layer.get("fields") or []
            layers.append({**layer, "name": str(layer.get("name", "")), "properties": props})
    return layers


def inspected_properties(inspection: dict) -> list[str]:
    """Property names found in the file, across its layers, in the order first seen."""
    names: list[str] = []
    sources = [inspection.get("properties") or inspection.get("fields") or []]
    sources += [layer["properties"] for layer in _layers(inspection)]
    for source in sources:
        for item in source:
            name = item.get("name", "") if isinstance(item, dict) else str(item)
            if name and name not in names:
                names.append(name)
    return names


def inspected_layer_names(inspection: dict) -> list[str]:
    return [layer["name"] for layer in _layers(inspection) if layer["name"]]


ENCODING_LABELS = {
    UTF8: _("Unicode (UTF-8)"),
    THAI: _("Thai (TIS-620)"),
    ARABIC: _("Persian/Arabic (Windows-1256)"),
    LATIN1: _("Western European (ISO-8859-1)"),
}


def guessed_encodings(inspection: dict) -> list[dict]:
    """Layers whose text encoding was not declared, with what it was read as."""
    return [
        {"layer": layer["name"], "label": ENCODING_LABELS.get(layer.get("encoding"), "")}
        for layer in _layers(inspection)
        if layer.get("encoding_guessed")
    ]


_PROPERTY_FIELDS = {
    "code_field": _("Code"),
    "name_en_field": _("Name in English"),
    "name_th_field": _("Name in Thai"),
    "name_fa_field": _("Name in Persian"),
    "parent_code_field": _("Parent code"),
    "registration_field": _("Registration (communities only)"),
}


class BoundaryMappingForm(forms.Form):
    """Which level the features are, and which property holds what, for one upload."""

    level = LevelChoiceField(label=_("Level of the new areas"), queryset=AreaLevel.objects.none())
    layer = forms.ChoiceField(label=_("Layer"), required=False)

    def __init__(self, *args: Any, inspection: dict, parent: Area, **kwargs: Any) -> None:
        properties = inspected_properties(inspection)
        initial = kwargs.pop("initial", None) or {}
        for field_name, guess in guess_mapping(properties, property_info(inspection)).items():
            initial.setdefault(field_name, guess)
        super().__init__(*args, initial=initial, **kwargs)
        # Only levels beneath the parent's level make sense as children.
        self.fields["level"].queryset = AreaLevel.objects.filter(rank__gt=parent.level.rank)
        layers = inspected_layer_names(inspection)
        if len(layers) > 1:
            self.fields["layer"].choices = [(name, name) for name in layers]
            self.fields["layer"].required = True
        else:
            del self.fields["layer"]
        choices = [("", _("(none)")), *((name, name) for name in properties)]
        for field_name, label in _PROPERTY_FIELDS.items():
            self.fields[field_name] = forms.ChoiceField(
                label=label, choices=choices, required=False
            )
        self.fields["registration_field"].help_text = _(
            "Values such as registered / not registered, yes / no or 1 / 0. Without it, new "
            "communities are recorded as not registered."
        )
        add_check_fields(self, _layers(inspection), parent)
        # A Shapefile without .cpg: its text encoding was guessed, the user may correct it.
        guessed = {layer.get("encoding") for layer in _layers(inspection)} - {None}
        if any(layer.get("encoding_guessed") for layer in _layers(inspection)):
            choices = list(ENCODING_LABELS.items())
            if len(guessed) != 1:  # layers guessed differently: each keeps its own by default
                choices.insert(0, ("", _("As detected")))
            self.fields["encoding"] = forms.ChoiceField(
                label=_("Text encoding"),
                choices=choices,
                required=False,
                initial=guessed.pop() if len(guessed) == 1 else "",
                help_text=_("Choose another one if the names come out garbled."),
            )

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f) for f in ("name_en_field", "name_th_field", "name_fa_field")):
            raise ValidationError(_("Choose the property that holds the name in one language."))
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field_name, messages in error.message_dict.items():
            self.add_error(field_name if field_name in self.fields else None, messages)
