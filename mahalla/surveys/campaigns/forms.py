"""Forms of the campaign pages: the campaign itself, typed-in targets, a targets CSV, search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import LocalDateField, LocalIntegerField
from mahalla.core.i18n.inputs import mark_language_inputs, per_language_order
from mahalla.people.models import RoleGrant, User
from mahalla.people.roles import ROLE_PERMISSIONS, Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area, AreaLevel
from mahalla.surveys.campaigns.services import surveyor_candidates
from mahalla.surveys.models import Campaign, FormVersion

MAX_REASON = 100
MAX_AREA_CHOICES = 500
MAX_TARGET_ROWS = 500


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.level.name})"


class VersionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: FormVersion) -> str:
        return f"{obj.form.name} · {obj.version}"


class SurveyorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


def campaign_areas(user: Any) -> Any:
    """Areas a campaign may be placed on: above the community level, in the user's scope."""
    areas = for_user(user, Perm.MANAGE_SURVEYS, Area.objects.all())
    return areas.filter(level__is_community=False).select_related("level").order_by("path")


def visible_versions(user: Any) -> Any:
    versions = FormVersion.objects.filter(state=FormVersion.State.PUBLISHED)
    return (
        for_user(user, Perm.MANAGE_SURVEYS, versions)
        .select_related("form")
        .order_by("form__xml_form_id", "-created_at")
    )


def _scope_surveyors(user: Any) -> Any:
    """People holding SUBMIT in or above any area the manager may place a campaign on."""
    scope = user_scope(user, Perm.MANAGE_SURVEYS)
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.SUBMIT in perms]
    grants = RoleGrant.objects.filter(revoked_at__isnull=True, role__in=roles, area__isnull=False)
    if not scope.everything:
        grants = grants.filter(scope.area_q("area__path"))
    users = User.objects.filter(pk__in=grants.values("user_id"), is_active=True)
    return users.order_by("first_name", "username")


class CampaignForm(forms.ModelForm):
    starts_on = LocalDateField(label=_("Starts on"), required=False)
    ends_on = LocalDateField(label=_("Ends on"), required=False)
    confirm_close = forms.BooleanField(
        label=_("Yes, close the campaign: phones and web forms can no longer send data to it."),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=MAX_REASON,
        help_text=_("Saved in the history, so others can understand the change later."),
    )

    class Meta:
        model = Campaign
        fields = [
            "name_th",
            "name_fa",
            "name_en",
            "area",
            "form_versions",
            "status",
            "starts_on",
            "ends_on",
            "surveyors",
        ]
        field_classes = {
            "area": AreaChoiceField,
            "form_versions": VersionChoiceField,
            "surveyors": SurveyorChoiceField,
        }
        widgets = {
            "form_versions": forms.CheckboxSelectMultiple,
            "surveyors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.was_closed = self.instance.pk and self.instance.status == Campaign.Status.CLOSED
        areas = campaign_areas(user)
        self.fields["area"].queryset = areas
        self.fields["area"].help_text = _(
            "The city or district the campaign covers: its map and table start here."
        )
        self.fields["form_versions"].queryset = visible_versions(user)
        self.fields["form_versions"].required = False
        self.fields["form_versions"].help_text = _("Published versions that surveyors fill in.")
        if self.instance.pk:
            surveyors = surveyor_candidates(self.instance.area)
        else:
            surveyors = _scope_surveyors(user)
        self.fields["surveyors"].queryset = surveyors
        self.fields["surveyors"].required = False
        self.fields["surveyors"].help_text = _(
            "People who may already send data in the campaign's area (the surveyor role). "
            "Choosing them here gives them no new rights."
        )
        for name in ("name_th", "name_fa", "name_en"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        mark_language_inputs(self.fields, "name")
        order = per_language_order("name")
        self.order_fields([*order, *[n for n in self.fields if not n.startswith("name_")]])

    @property
    def name_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("name_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in ("th", "fa", "en")):
            raise ValidationError(_("Give the name in at least one language."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        closing = data.get("status") == Campaign.Status.CLOSED and not self.was_closed
        if closing and not data.get("confirm_close"):
            self.add_error(
                "confirm_close",
                _("Closing refuses every submission sent to the campaign from now on: confirm it."),
            )
        area = data.get("area")
        chosen = data.get("surveyors")
        if area is not None and chosen:
            allowed = set(surveyor_candidates(area).values_list("pk", flat=True))
            refused = [user for user in chosen if user.pk not in allowed]
            if refused:
                self.add_error(
                    "surveyors",
                    _(
                        "%(names)s cannot send data in this area: give them the surveyor role "
                        "there first."
                    )
                    % {"names": ", ".join(u.get_full_name() or u.username for u in refused)},
                )
        return data


class CampaignFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("any status")), *Campaign.Status.choices]

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)


class TargetLevelForm(forms.Form):
    level = forms.ModelChoiceField(label=_("Level"), queryset=AreaLevel.objects.none())

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = AreaLevel.objects.filter(rank__gt=campaign.area.level.rank)
        self.fields["level"].label_from_instance = lambda level: level.name


class TargetTableForm(forms.Form):
    """One expected count per area of the chosen level; an empty cell has no target."""

    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=100)

    def __init__(self, *args: Any, areas: list[Area], current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            field = LocalIntegerField(
                label=area.name, required=False, min_value=0, max_value=2**31 - 1
            )
            field.initial = current.get(area.pk)
            self.fields[f"area_{area.pk}"] = field

    @property
    def area_fields(self) -> list[tuple[Area, forms.BoundField]]:
        return [(area, self[f"area_{area.pk}"]) for area in self.areas]

    def expected(self) -> dict[int, int | None]:
        return {area.pk: self.cleaned_data.get(f"area_{area.pk}") for area in self.areas}


class TargetCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: the area's code or name, and the expected number (for example "
            "“code,expected”). UTF-8, Windows-874 (Thai) and Windows-1256 (Persian) are read; "
            "numbers may be written in Thai or Persian digits."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class TargetConfirmForm(forms.Form):
    plan = forms.CharField(widget=forms.HiddenInput)
