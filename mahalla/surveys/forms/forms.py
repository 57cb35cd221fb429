"""Django forms of the survey-form pages: search, XLSForm upload, media upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mahalla.places.models import Area

ACCEPTED_XLSFORMS = ".xlsx,.xls"


class FormSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Form name or ID"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.level.name})" if obj.level_id else obj.name


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file"),
        help_text=_("An Excel workbook (.xlsx or .xls) with survey, choices and settings sheets."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_XLSFORMS}),
    )

    def __init__(self, *args, areas=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"] = AreaChoiceField(
                label=_("Area"),
                help_text=_("Who may see and manage the form is decided by this area."),
                queryset=areas,
                empty_label=None,
            )
            self.order_fields(["area", "file"])


class MediaUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Media file"),
        help_text=_("A file the form names (an image, a sound, a video or a CSV list)."),
    )
