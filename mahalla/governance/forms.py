"""Forms of the governance pages: dates in the reader's calendar, numbers in any digits."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mahalla.core.forms import (
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
    NamedChoiceField,
)
from mahalla.core.i18n.collation import sorted_localized
from mahalla.core.i18n.digits import to_ascii_digits
from mahalla.core.i18n.inputs import mark_language_inputs
from mahalla.governance.models import (
    Action,
    Body,
    BodyType,
    Candidate,
    DevelopmentDocument,
    Election,
    Membership,
    Need,
    Resolution,
)
from mahalla.people.models import Organisation, User


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


def _organisation_choices(field: forms.ModelChoiceField) -> None:
    """Every active organisation, in the reader's collation: a body may charge an agency that
    works far from its own area (a national organisation), and organisations' names are
    public."""
    orgs = sorted_localized(Organisation.objects.filter(is_active=True), key=lambda o: o.name)
    field.queryset = Organisation.objects.filter(is_active=True)
    field.choices = [(o.pk, o.name) for o in orgs]
    if not isinstance(field, forms.ModelMultipleChoiceField):
        field.choices = [("", "—"), *field.choices]


class TimeOfDayField(forms.TimeField):
    """A time typed in any digits (۱۴:۳۰, ๑๔.๓๐, 14:30)."""

    def to_python(self, value: Any):
        if isinstance(value, str):
            value = to_ascii_digits(value.strip(), separators=False).replace(".", ":")
        return super().to_python(value)


class BodyFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    body_type = NamedChoiceField(
        label=_("Type"), queryset=BodyType.objects.all(), required=False, empty_label=_("all")
    )


class MembershipForm(forms.ModelForm):
    username = forms.CharField(
        label=_("Account (user name)"),
        required=False,
        help_text=_("Only for a member who signs in: they then get notices and reminders."),
    )
    term_start = LocalDateField(label=_("term starts"))
    term_end = LocalDateField(label=_("term ends"), required=False)

    class Meta:
        model = Membership
        fields = [
            "person_name",
            "position",
            "role",
            "organisation",
            "is_civil_society",
            "term_start",
            "term_end",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _organisation_choices(self.fields["organisation"])

    def clean_username(self) -> User | None:
        name = self.cleaned_data.get("username", "").strip()
        if not name:
            return None
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this user name."))
        return user


class MeetingForm(forms.Form):
    day = LocalDateField(label=_("Date"))
    at = TimeOfDayField(label=_("Time"), help_text=_("24-hour, e.g. 14:30."))
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One item per line."),
    )

    def starts_at(self, time_zone: str) -> datetime:
        return datetime.combine(
            self.cleaned_data["day"], self.cleaned_data["at"] or time(0), tzinfo=ZoneInfo(time_zone)
        )


class AttendanceForm(forms.Form):
    def __init__(self, *args: Any, members: list[Membership], present: set[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for m in members:
            label = m.person_name + (f" — {m.get_role_display()}" if m.role != "member" else "")
            self.fields[f"m{m.pk}"] = forms.BooleanField(
                label=label, required=False, initial=m.pk in present
            )

    def present_ids(self) -> set[int]:
        return {int(name[1:]) for name, value in self.cleaned_data.items() if value}


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))
    public = forms.BooleanField(label=_("Residents may read these minutes"), required=False)


PERIOD_UNITS = [("", "—"), *Resolution.PeriodUnit.choices]


class ResolutionForm(forms.Form):
    text = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 4}))
    responsible = NamedMultipleChoiceField(
        label=_("Responsible organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    deadline = LocalDateField(
        label=_("Deadline"), required=False, help_text=_("A date, or a period below.")
    )
    period_amount = LocalIntegerField(
        label=_("Within"), required=False, min_value=1, max_value=1000
    )
    period_unit = forms.ChoiceField(label=_("Unit"), choices=PERIOD_UNITS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _organisation_choices(self.fields["responsible"])

    def clean(self) -> dict:
        data = super().clean()
        amount, unit = data.get("period_amount"), data.get("period_unit")
        if bool(amount) != bool(unit):
            self.add_error("period_unit", _("Give both the number and its unit, e.g. 2 weeks."))
        if data.get("deadline") and amount:
            self.add_error("deadline", _("Give a date or a period, not both."))
        if not data.get("deadline") and not amount and not self.errors:
            self.add_error("deadline", _("Give a deadline: a date, or a period such as 2 weeks."))
        return data


class ResolutionEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = LocalDateField(label=_("Deadline"))
    status = forms.ChoiceField(label=_("Status"), choices=Resolution.Status.choices)


class ProgressReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    organisation = forms.ModelChoiceField(
        label=_("For organisation"), queryset=Organisation.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("unchanged")),
            (Resolution.Status.IN_PROGRESS, Resolution.Status.IN_PROGRESS.label),
            (Resolution.Status.DONE, Resolution.Status.DONE.label),
        ],
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        field.label_from_instance = lambda o: o.name
        if len(organisations) == 1:
            field.initial = organisations[0].pk


class TrackerFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("all")),
            ("open", _("open")),
            ("overdue", _("overdue")),
            ("in_progress", _("in progress")),
            ("done", _("done")),
            ("cancelled", _("cancelled")),
        ],
    )


class DocumentForm(forms.ModelForm):
    weight_votes = LocalIntegerField(
        label=_("weight of residents' votes"), min_value=0, max_value=100
    )
    weight_severity = LocalIntegerField(label=_("weight of severity"), min_value=0, max_value=100)
    weight_reach = LocalIntegerField(
        label=_("weight of people affected"), min_value=0, max_value=100
    )

    class Meta:
        model = DevelopmentDocument
        fields = ["kind", "title", "project", "scheme", "weight_votes", "weight_severity",
                  "weight_reach"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].label_from_instance = lambda s: s.name

    def clean(self) -> dict:
        from mahalla.governance.services.documents import check_weights

        data = super().clean()
        weights = [data.get(f) for f in ("weight_votes", "weight_severity", "weight_reach")]
        if all(w is not None for w in weights):
            try:
                check_weights(*weights)
            except forms.ValidationError as error:
                self.add_error("weight_reach", error)
        return data


class NeedForm(forms.ModelForm):
    paper_votes = LocalIntegerField(label=_("votes counted on paper"), min_value=0, initial=0)
    severity = LocalIntegerField(label=_("severity (1–5)"), min_value=1, max_value=5, initial=3)
    people_affected = LocalIntegerField(label=_("people affected"), min_value=0, initial=0)

    class Meta:
        model = Need
        fields = ["text", "group", "source", "source_ref", "paper_votes", "severity",
                  "people_affected"]  # fmt: skip
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionForm(forms.ModelForm):
    budget = LocalDecimalField(label=_("budget"), min_value=0, max_digits=16, decimal_places=2)
    starts_on = LocalDateField(label=pgettext_lazy("first day", "starts"))
    ends_on = LocalDateField(label=_("ends"))

    class Meta:
        model = Action
        fields = ["need", "text", "owner", "budget", "currency", "starts_on", "ends_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, document=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _organisation_choices(self.fields["owner"])
        need = self.fields["need"]
        need.queryset = document.needs.all() if document is not None else need.queryset.none()
        need.label_from_instance = lambda n: n.text[:80]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("An action cannot end before it starts."))
        return data


class DecisionForm(forms.Form):
    rank = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for revision"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ElectionForm(forms.ModelForm):
    seats = LocalIntegerField(label=_("seats"), min_value=1, max_value=50, initial=1)
    called_on = LocalDateField(label=_("called on"))
    voting_on = LocalDateField(label=_("voting day"))
    min_age = LocalIntegerField(label=_("minimum age"), min_value=15, max_value=100, initial=18)
    term_years = LocalIntegerField(label=_("term (years)"), min_value=1, max_value=10, initial=2)

    class Meta:
        model = Election
        fields = ["position", "seats", "method", "called_on", "voting_on", "min_age", "term_years"]

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("called_on")
            and data.get("voting_on")
            and data["voting_on"] < data["called_on"]
        ):
            self.add_error("voting_on", _("The vote cannot be before the election is called."))
        return data


class CandidateForm(forms.ModelForm):
    age = LocalIntegerField(label=_("age"), min_value=0, max_value=130)

    class Meta:
        model = Candidate
        fields = ["person_name", "age", "is_resident"]


class RollForm(forms.Form):
    lines = forms.CharField(
        label=_("Electoral roll"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One person per line: the name, a comma, the age."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Voting code"), max_length=20)


MAX_AREA_CHOICES = 3000


class BodyForm(forms.ModelForm):
    """A body on an area of the user's scope; its parent and the organisations it names are
    chosen among those the user sees."""

    class Meta:
        model = Body
        fields = ["body_type", "area", "name_th", "name_fa", "name_en", "parent", "calendar",
                  "organisation", "target_areas", "is_public"]  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from mahalla.governance.selectors import bodies
        from mahalla.people.roles import Perm
        from mahalla.people.scopes import for_user
        from mahalla.places.models import Area

        super().__init__(*args, **kwargs)
        mark_language_inputs(self.fields, "name")
        areas = for_user(user, Perm.MANAGE_GOVERNANCE, Area.objects.all()).select_related("level")
        areas = list(areas.order_by("path")[:MAX_AREA_CHOICES])
        for name in ("area", "target_areas"):
            field = self.fields[name]
            field.queryset = Area.objects.filter(pk__in=[a.pk for a in areas])
            field.label_from_instance = lambda a: f"{a.name} · {a.level.name}"
        self.fields["target_areas"].widget.attrs["size"] = 6
        self.fields["body_type"].label_from_instance = lambda t: t.name
        self.fields["calendar"].label_from_instance = lambda c: c.name
        parents = bodies(user)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda b: b.name
        _organisation_choices(self.fields["organisation"])

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f) for f in ("name_en", "name_th", "name_fa")):
            self.add_error("name_th", _("Give the body a name in at least one language."))
        parent = data.get("parent")
        if parent is not None and self.instance.pk:
            seen, node = {self.instance.pk}, parent
            while node is not None:
                if node.pk in seen:
                    self.add_error("parent", _("A body cannot be above itself."))
                    break
                seen.add(node.pk)
                node = node.parent
        return data
