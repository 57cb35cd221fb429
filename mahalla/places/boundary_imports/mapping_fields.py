"""The parts of the mapping step that answer the checks against the parent, and the samples.

Kept apart from forms.py: the checks (boundary_imports/checks.py) decide which of these
fields a file needs; the form only shows them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import AsciiDigitsCharField
from mahalla.places.boundary_imports.checks import FAR, NO_CRS, SWAPPED_AXES
from mahalla.places.geometry import boundary_of

KEEP, REJECT = "keep", "reject"


def _layers(inspection: dict) -> list[dict]:
    return [layer for layer in inspection.get("layers") or [] if isinstance(layer, dict)]


def property_info(inspection: dict) -> dict[str, dict]:
    """Samples and script of every property, across layers (the first layer wins)."""
    merged: dict[str, dict] = {}
    for layer in _layers(inspection):
        for name, info in (layer.get("property_info") or {}).items():
            merged.setdefault(name, info)
    return merged


def property_tables(inspection: dict) -> list[dict]:
    """One table per layer: each property with its sample values, for the mapping page."""
    tables = []
    for layer in _layers(inspection):
        info = layer.get("property_info") or {}
        rows = [
            {
                "name": name,
                "samples": (info.get(name) or {}).get("samples", []),
                "is_object": (info.get(name) or {}).get("kind") == "object",
            }
            for name in layer.get("properties") or []
        ]
        tables.append(
            {"layer": layer.get("name", ""), "rows": rows,
             "left_out": layer.get("properties_left_out", 0)}
        )  # fmt: skip
    return tables


def check_notices(inspection: dict) -> list[dict]:
    """The whole-file notices of every layer: {"layer", "message"} (a stored message)."""
    return [
        {"layer": layer.get("name", ""), "message": check["message"]}
        for layer in _layers(inspection)
        for check in layer.get("checks") or []
    ]


def _with(layers: list[dict], check: str) -> list[dict]:
    return [layer for layer in layers if any(c["check"] == check for c in layer.get("checks", []))]


def add_check_fields(form: forms.Form, layers: list[dict], parent: Any) -> None:
    """Add the fields this file's checks call for, with what the checks suggest as initial."""
    no_crs = _with(layers, NO_CRS)
    if no_crs:
        suggested = next(
            (c.get("crs") for c in no_crs[0]["checks"] if c["check"] == NO_CRS and c.get("crs")),
            "",
        )
        form.fields["crs"] = AsciiDigitsCharField(
            label=_("Coordinate system of the file"),
            max_length=100,
            required=False,
            initial=suggested,
            help_text=_(
                "An EPSG code: for example EPSG:32647 (UTM zone 47N, Bangkok) or EPSG:32639 "
                "(UTM zone 39N, Tehran)."
            ),
            widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        )
    if _with(layers, SWAPPED_AXES):
        form.fields["swap_axes"] = forms.BooleanField(
            label=_("Swap latitude and longitude"), required=False, initial=True
        )
    if boundary_of(parent) is not None:
        # Rejecting is the default: a kept stray place sits in the parent's lists, maps and
        # counts and draws households assigned by position; a rejected one is listed with
        # its spot and costs a corrected re-upload at worst.
        form.fields["keep_outside"] = forms.ChoiceField(
            label=_("Features outside %(parent)s") % {"parent": parent.name},
            choices=[
                (REJECT, _("reject them (they are listed with their position)")),
                (KEEP, _("keep them and flag them in the report")),
            ],
            initial=REJECT,
            required=False,  # not chosen: rejected
            widget=forms.RadioSelect,
            help_text=_(
                "A place outside its parent is most often a mistake in the file; rejected "
                "features can be corrected and the file imported again."
            ),
        )
    if _with(layers, FAR):
        form.fields["confirm_outside"] = forms.BooleanField(
            label=_("The file lies outside %(parent)s: import it all the same")
            % {"parent": parent.name},
            required=False,
        )


def check_options(cleaned_data: dict) -> dict[str, Any]:
    """The answers to the checks, as arguments of boundary_import_start."""
    return {
        "registration_field": cleaned_data.get("registration_field", ""),
        "crs": cleaned_data.get("crs", ""),
        "swap_axes": bool(cleaned_data.get("swap_axes")),
        "keep_outside": cleaned_data.get("keep_outside") == KEEP,
        "confirm_outside": bool(cleaned_data.get("confirm_outside")),
    }
