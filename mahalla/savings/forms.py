"""Forms of the savings pages. Amounts and dates are typed in the reader's digits and
calendar; the services check the amounts against the group's currency."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mahalla.core.db import collated_name
from mahalla.core.forms import LocalDateField, LocalDecimalField, LocalIntegerField
from mahalla.core.i18n.digits import format_number
from mahalla.people.models import Organisation
from mahalla.savings.models import (
    CommitteeTerm,
    FineRule,
    Loan,
    LoanProduct,
    SavingsMember,
    WelfareBenefit,
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class MemberForm(forms.Form):
    household = forms.ModelChoiceField(
        label=_("Household in the registry"),
        queryset=None,
        required=False,
        help_text=_("Where the registry has the member's household; leave empty otherwise."),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False,
        help_text=_("Taken from the household's head when left empty."),
    )  # fmt: skip
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    joined_on = LocalDateField(label=_("Joined"))

    def __init__(self, *args: Any, group, households=None, **kwargs: Any) -> None:
        from mahalla.registry.models import Household

        super().__init__(*args, **kwargs)
        if households is None:
            # Personal data: only for those who may see the registry's households.
            del self.fields["household"]
        else:
            self.fields["household"].queryset = households
            self.fields["household"].label_from_instance = lambda h: (
                " · ".join(part for part in (h.house_number, h.head_name) if part) or str(h.pk)
            )
        self.group = group
        self._households = Household

    def clean(self):
        data = super().clean()
        household = data.get("household")
        if not data.get("name"):
            if household is not None and household.head_name:
                data["name"] = household.head_name
            else:
                self.add_error("name", _("Enter the member's name or choose their household."))
        return data


class MeetingOpenForm(forms.Form):
    held_on = LocalDateField(label=_("Date of the meeting"))


class CashCountForm(forms.Form):
    cash_counted = forms.CharField(
        label=_("Cash counted in the box"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class CollectiveLoanChoice(forms.ModelChoiceField):
    """A collective loan the group took, named by its lender and amount."""

    def label_from_instance(self, obj: Loan) -> str:
        return f"{obj.lender.name} · {format_number(obj.principal)}"


class LoanApplyForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=SavingsMember.objects.none())
    product = forms.ModelChoiceField(label=_("Loan product"), queryset=LoanProduct.objects.none())
    principal = LocalDecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    term_months = LocalIntegerField(label=_("Term (months)"), min_value=1, max_value=360)
    applied_on = LocalDateField(label=_("Applied on"))
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    guarantors = forms.ModelMultipleChoiceField(
        label=_("Guarantors"),
        queryset=SavingsMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    funded_by = CollectiveLoanChoice(
        label=_("On-lent from the collective loan"),
        queryset=Loan.objects.none(),
        required=False,
        help_text=_("When the member's loan is paid from the group's loan from a lender."),
    )

    def __init__(self, *args: Any, group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = group.members.filter(left_on__isnull=True).order_by("number")
        self.fields["member"].queryset = members
        self.fields["guarantors"].queryset = members
        self.fields["product"].queryset = group.loan_products.filter(is_collective=False)
        collective = group.loans.filter(member__isnull=True, status=Loan.Status.DISBURSED)
        self.fields["funded_by"].queryset = collective.select_related("lender").order_by("pk")
        if not self.fields["funded_by"].queryset.exists():
            del self.fields["funded_by"]  # the group has no loan from a lender to on-lend


# Organisations that lend to communities' groups (CODI is a government agency).
LENDER_KINDS = (
    Organisation.Kind.GOVERNMENT_AGENCY,
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.NGO,
    Organisation.Kind.COOPERATIVE,
    Organisation.Kind.COMMUNITY_NETWORK,
)


class CollectiveLoanForm(forms.Form):
    """The group's own loan from a lender (a CODI housing loan), to on-lend to members."""

    product = forms.ModelChoiceField(
        label=_("Collective loan product"), queryset=LoanProduct.objects.none()
    )
    lender = forms.ModelChoiceField(label=_("Lender"), queryset=Organisation.objects.none())
    principal = LocalDecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    term_months = LocalIntegerField(label=_("Term (months)"), min_value=1, max_value=360)
    applied_on = LocalDateField(label=_("Applied on"))
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)

    def __init__(self, *args: Any, group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = group.loan_products.filter(is_collective=True)
        # Who lends to a community is no secret: every lending organisation is offered, in
        # the reader's collation, except the group itself.
        lenders = Organisation.objects.filter(kind__in=LENDER_KINDS).exclude(
            pk=group.organisation_id
        )
        self.fields["lender"].queryset = lenders.order_by(collated_name(), "id")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("approve")), ("reject", _("reject"))]
    )
    approvers = forms.CharField(
        label=_("Committee members who decided"), max_length=300, required=False
    )


class DisburseForm(forms.Form):
    day = LocalDateField(label=_("Paid out on"))


class ReverseForm(forms.Form):
    memo = forms.CharField(label=_("Why is it reversed?"), max_length=300)


class PeriodCloseForm(forms.Form):
    through = LocalDateField(label=_("Close the books through"))


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"), required=False, input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )  # fmt: skip


FINE_CHOICES = FineRule.Kind.choices
BENEFIT_CHOICES = WelfareBenefit.Kind.choices


class WriteOffForm(forms.Form):
    memo = forms.CharField(label=_("Why is the loan written off?"), max_length=300)


class RescheduleForm(forms.Form):
    term_months = LocalIntegerField(label=_("New term (months)"), min_value=1, max_value=360)


class CommitteeTermForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=SavingsMember.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeTerm.Role.choices)
    starts_on = LocalDateField(label=_("Term starts"))
    ends_on = LocalDateField(label=_("Term ends"), required=False)

    def __init__(self, *args: Any, group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = group.members.filter(left_on__isnull=True)

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The term cannot end before it starts."))
        return data
