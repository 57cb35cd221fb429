"""Forms of the people pages. Choice lists are narrowed to the signed-in user's scope."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import LocalDateField
from mahalla.core.i18n.inputs import mark_language_inputs, mark_latin_inputs, per_language_order
from mahalla.core.i18n.timezones import default_time_zone, time_zone_choices, time_zone_name
from mahalla.people.models import Organisation, User
from mahalla.people.roles import Perm, Role
from mahalla.people.selectors import areas_in_scope, grantable_people, organisations_in_scope
from mahalla.people.services import NO_GRANT_FOR_THIS_PERSON
from mahalla.places.models import Area

REASON_HELP = _("Saved in the history, so others can understand the change later.")


class AreaChoiceField(forms.ModelChoiceField):
    """Areas shown as an indented tree, in the active language."""

    def label_from_instance(self, obj: Area) -> str:
        indent = "\u2003" * obj.depth  # em spaces: visible indentation in a <select>
        return f"{indent}{obj.name} ({obj.level.name})"


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Organisation.Kind.choices],
    )


class OrganisationForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=100,
        help_text=REASON_HELP,
    )

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name_en",
            "name_th",
            "name_fa",
            "short_name_en",
            "short_name_th",
            "short_name_fa",
            "area",
            "is_active",
        ]
        field_classes = {"area": AreaChoiceField}

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_in_scope(user=user, perm=Perm.CHANGE_ORGANISATION)
        # Only superusers can place an organisation outside every area (see services).
        self.fields["area"].required = not user.is_superuser
        # The reader's own language first, each input with its language and direction.
        names = [*per_language_order("name"), *per_language_order("short_name")]
        self.order_fields(["kind", *names])
        mark_language_inputs(self.fields, "name")
        mark_language_inputs(self.fields, "short_name")

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("name_en", "name_th", "name_fa")):
            raise forms.ValidationError(_("Give the organisation a name in at least one language."))
        return cleaned

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own checks run there.
        pass


class GrantFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    area = AreaChoiceField(
        label=_("Area"), required=False, queryset=Area.objects.none(), empty_label=_("All areas")
    )
    user = forms.CharField(label=_("Username"), required=False, max_length=150)

    def __init__(self, *args, viewer: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_latin_inputs(self.fields, ["user"])
        self.fields["area"].queryset = areas_in_scope(
            user=viewer, perm=Perm.MANAGE_ROLES, communities=False
        )


GRANT_PEOPLE_LIST = "grant-people"  # the <datalist> the search fills


class GrantForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_(
            "Type part of a name or username to see people in your areas, or the exact "
            "username of someone who has no role yet."
        ),
        # Suggestions come from the search endpoint as <option>s of a native <datalist>,
        # so the field stays a plain text box where htmx is not loaded.
        widget=forms.TextInput(
            attrs={
                "list": GRANT_PEOPLE_LIST,
                "autocomplete": "off",
                "dir": "auto",
                "hx-get": reverse_lazy("people:grant_people_search"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{GRANT_PEOPLE_LIST}",
                "hx-swap": "innerHTML",
            }
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("— choose a role —")), *Role.choices],
        error_messages={"required": _("Choose the role to grant.")},
    )
    area = AreaChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.none(),
        help_text=_("The role covers this area and everything beneath it."),
    )
    organisation = OrganisationChoiceField(
        label=_("or organisation"), required=False, queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=100, help_text=REASON_HELP
    )

    def __init__(self, *args, granter: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_latin_inputs(self.fields, ["username"])
        self.fields["area"].queryset = areas_in_scope(user=granter, perm=Perm.MANAGE_ROLES)
        self.fields["organisation"].queryset = organisations_in_scope(
            user=granter, perm=Perm.MANAGE_ROLES
        )
        self.granter = granter

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        people = grantable_people(user=self.granter)
        person = people.filter(username__iexact=username).first()
        if person is None:
            # Unknown and out of scope get the same words: the form reveals no accounts.
            raise forms.ValidationError(NO_GRANT_FOR_THIS_PERSON)
        return person

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("area")) == bool(cleaned.get("organisation")):
            raise forms.ValidationError(_("Choose an area or an organisation, but not both."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=100, help_text=REASON_HELP
    )


class AccountLanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


class AccountTimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    def __init__(self, *args, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        usual = time_zone_name(default_time_zone(language), language)
        self.fields["time_zone"].choices = [
            ("", _("Usual for my language (%(zone)s)") % {"zone": usual}),
            *time_zone_choices(language),
        ]


class LoginForm(AuthenticationForm):
    """Django's login form; usernames and passwords are typed left to right on fa pages."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_latin_inputs(self.fields, ["username", "password"])


class PasswordResetEmailForm(PasswordResetForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_latin_inputs(self.fields, ["email"])


class AccessLogFilterForm(forms.Form):
    who = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    record_type = forms.ChoiceField(label=_("Records"), required=False)
    since = LocalDateField(label=_("From"), required=False)
    until = LocalDateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        from mahalla.core.models import AccessLog
        from mahalla.people.access_log import RECORD_TYPES

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("any")), *AccessLog.Action.choices]
        self.fields["record_type"].choices = [("", _("any")), *RECORD_TYPES.items()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return data
