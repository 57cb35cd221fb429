"""Filters of the registry pages. Choices come from value lists (data) and the scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import LocalDateField, LocalIntegerField, NamedChoiceField
from mahalla.places.models import Area
from mahalla.registry.models import Value, ValueList
from mahalla.registry.selectors import VULNERABILITIES
from mahalla.surveys.models import Campaign


def _values(list_name: str, label: Any) -> NamedChoiceField:
    return NamedChoiceField(
        label=label,
        queryset=Value.objects.filter(list=list_name),
        required=False,
        empty_label=_("all"),
    )


def _search() -> forms.CharField:
    return forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class _Filters(forms.Form):
    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Districts and other areas above the communities one may see, for "within".
        parents = communities.exclude(parent__isnull=True).values("parent_id")
        self.fields["within"].queryset = Area.objects.filter(pk__in=parents).order_by("path")
        # Survey rounds are the campaigns of those areas.
        self.fields["campaign"].queryset = Campaign.objects.filter(area_id__in=parents)

    def filters(self) -> dict:
        # A field typed wrong is reported on the form and left out; the others still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or (None if name != "q" else "") for name in self.fields}


class SettlementFilterForm(_Filters):
    q = _search()
    within = NamedChoiceField(label=_("Area"), queryset=None, required=False, empty_label=_("all"))
    registration = forms.ChoiceField(
        label=_("Registration"),
        required=False,
        choices=[("", _("any")), *Area.Registration.choices],
    )
    campaign = NamedChoiceField(
        label=_("Survey round"), queryset=None, required=False, empty_label=_("latest")
    )
    tenure_situation = _values(ValueList.TENURE_SITUATION, _("Tenure situation"))
    land_owner_type = _values(ValueList.LAND_OWNER_TYPE, _("Land owner"))
    eviction_threat = _values(ValueList.EVICTION_THREAT, _("Eviction threat"))
    hazard = _values(ValueList.HAZARD, _("Hazard"))

    def filters(self) -> dict:
        data = super().filters()
        data["registration"] = data["registration"] or ""
        return data


class HouseholdFilterForm(_Filters):
    q = forms.CharField(
        label=_("Name or house number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    within = NamedChoiceField(label=_("Area"), queryset=None, required=False, empty_label=_("all"))
    # One community, from its page's link (hidden: a list of every community would be long).
    community = NamedChoiceField(
        label=_("Community"), queryset=None, required=False, widget=forms.HiddenInput
    )
    campaign = NamedChoiceField(
        label=_("Survey round"), queryset=None, required=False, empty_label=_("all")
    )
    tenure = _values(ValueList.TENURE_TYPE, _("Tenure"))
    income_band = _values(ValueList.INCOME_BAND, _("Monthly income"))
    vulnerability = forms.ChoiceField(label=_("Vulnerable group"), required=False)

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, communities=communities, **kwargs)
        self.fields["community"].queryset = communities
        labels = {
            "elderly": _("a person aged 60 or more"),
            "elderly_alone": _("an elderly person living alone"),
            "disability": _("a person with a disability"),
            "chronic_illness": _("a person with a chronic illness"),
            "child": _("a child under 5"),
        }
        self.fields["vulnerability"].choices = [
            ("", _("any")),
            *((k, labels[k]) for k in VULNERABILITIES),
        ]

    def filters(self) -> dict:
        data = super().filters()
        data["vulnerability"] = data["vulnerability"] or ""
        return data


class DashboardFilterForm(SettlementFilterForm):
    """The community filters that narrow a dashboard (no name search: it counts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["q"]
        del self.fields["within"]


class ReportForm(forms.Form):
    """The language a district report is written in (the reader's, unless they choose)."""

    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


class EvidenceForm(forms.Form):
    """A document for a tenure relationship: the file, and what kind of document it is."""

    file = forms.FileField(
        label=_("Document (PDF or photo)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )
    kind = NamedChoiceField(
        label=_("Document type"),
        queryset=Value.objects.filter(list=ValueList.EVIDENCE_TYPE, active=True).order_by(
            "rank", "code"
        ),
        required=False,
        empty_label=_("not said"),
    )


class RelationshipDatesForm(forms.Form):
    valid_from = LocalDateField(label=_("Valid from"), required=False)
    valid_to = LocalDateField(label=_("Valid until"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date comes before the start date."))
        return data


class ValueForm(forms.ModelForm):
    """One value of a list: its code (for a new value only) and its names in three languages."""

    rank = LocalIntegerField(label=_("Order"), min_value=0, max_value=32767)

    class Meta:
        model = Value
        fields = ["code", "name_en", "name_th", "name_fa", "rank", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]  # forms send it: it never changes
        else:
            self.fields["code"].widget.attrs.update({"dir": "ltr", "autocomplete": "off"})
        self.fields["name_th"].widget.attrs["lang"] = "th"
        self.fields["name_fa"].widget.attrs.update({"lang": "fa", "dir": "rtl"})
        self.fields["name_en"].widget.attrs.update({"lang": "en", "dir": "ltr"})

    def _post_clean(self) -> None:
        # The service checks and saves (uniqueness, the code's form, history).
        pass
