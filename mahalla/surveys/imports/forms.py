"""Forms of the survey data import: the upload and the column mapping."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mahalla.surveys.imports import columns as cols
from mahalla.surveys.imports.readers import ENCODINGS
from mahalla.surveys.models import Campaign, Form, FormVersion

ACCEPTED = ".zip,.xlsx,.csv"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "An ODK Central export (csv.zip), a KoboToolbox XLSX export, or a CSV or XLSX table."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    version = forms.ModelChoiceField(
        label=_("Form version"),
        queryset=FormVersion.objects.none(),
        empty_label=None,
        help_text=_("Every row becomes a submission of this version."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args, form: Form, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        versions = FormVersion.objects.filter(
            form=form, state=FormVersion.State.PUBLISHED
        ).order_by("-published_at", "-pk")
        self.fields["version"].queryset = versions
        self.fields["version"].label_from_instance = lambda v: v.version
        self.fields["version"].initial = versions.first()
        self.fields["campaign"].queryset = Campaign.objects.filter(
            form_versions__form=form
        ).distinct()
        self.fields["campaign"].label_from_instance = lambda c: c.name


def column_field_name(index: int) -> str:
    return f"column_{index}"


class ImportMappingForm(forms.Form):
    """One list per column of the main table: which question it answers (or none)."""

    encoding = forms.ChoiceField(
        label=_("Text encoding"),
        choices=list(ENCODINGS.items()),
        required=False,
        help_text=_("Guessed from the file; choose another if the examples look garbled."),
    )

    def __init__(self, *args, job, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        inspection = job.inspection or {}
        tables = inspection.get("tables") or [{}]
        main = tables[0]
        self.columns: list[str] = main.get("columns") or []
        samples = main.get("samples") or {}
        plain = inspection.get("kind") == "table"
        language = (get_language() or "en")[:2]
        choices = [("", _("— not imported —"))]
        choices += cols.target_choices(job.form_version.fields, language, repeats=plain)
        choices.append((cols.INSTANCE_ID, _("Instance ID (the submission's key)")))
        if plain:
            choices.append((cols.ROW_KEY, _("Rows with the same value are one submission")))
        mapping = job.mapping or {}
        self.column_fields = []
        for index, column in enumerate(self.columns):
            name = column_field_name(index)
            self.fields[name] = forms.ChoiceField(
                label=column or f"#{index + 1}",
                choices=choices,
                required=False,
                initial=mapping.get(column, ""),
            )
            self.fields[name].samples = samples.get(column, [])
            self.column_fields.append(name)
        if inspection.get("kind") != "table" or not job.original_name.lower().endswith(".csv"):
            del self.fields["encoding"]
        else:
            self.fields["encoding"].initial = job.encoding or inspection.get("encoding", "")
        # The lists first, then the options.
        self.order_fields([*self.column_fields, "encoding"])

    def mapping(self) -> dict[str, str]:
        return {
            column: self.cleaned_data.get(column_field_name(index)) or ""
            for index, column in enumerate(self.columns)
        }

    def column_rows(self):
        return [self[name] for name in self.column_fields]

    def option_rows(self):
        return [self[name] for name in ("encoding",) if name in self.fields]


class ImportWriteForm(forms.Form):
    """The preview's confirmation; rows with problems stop everything unless skipped."""

    skip_bad_rows = forms.BooleanField(label=_("Skip the rows with problems"), required=False)
    approve = forms.BooleanField(
        label=_("Approve the written submissions"),
        required=False,
        help_text=_(
            "For a list already checked: each submission is approved as a reviewer would, "
            "and the registry takes it in. One that cannot be approved stays received and is "
            "listed in the report."
        ),
    )
