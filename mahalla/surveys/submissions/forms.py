"""Forms of the submission pages: the list's filters, a review action, a comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mahalla.core.forms import LocalDateField, NamedChoiceField
from mahalla.places.models import Area
from mahalla.surveys.models import Campaign, Form, ReviewState
from mahalla.surveys.submissions import selectors
from mahalla.surveys.submissions.review import COMMENT_MAX, REVIEWER_STATES


class SubmissionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Instance ID"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "dir": "ltr"}),
    )
    form = NamedChoiceField(label=_("Form"), queryset=None, required=False, empty_label=_("all"))
    campaign = NamedChoiceField(
        label=_("Campaign"), queryset=None, required=False, empty_label=_("all")
    )
    area = NamedChoiceField(label=_("Area"), queryset=None, required=False, empty_label=_("all"))
    state = forms.ChoiceField(label=_("Review state"), required=False)
    received_from = LocalDateField(label=_("Received from"), required=False)
    received_to = LocalDateField(label=_("Received until"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = selectors.visible_submissions(user)
        # Forms and campaigns in scope, and those of submissions one may see (a district
        # officer sees the district's submissions of a city-wide form).
        self.fields["form"].queryset = Form.objects.filter(
            Q(pk__in=selectors.visible_forms(user).values("pk"))
            | Q(pk__in=visible.values("form_id"))
        )
        self.fields["campaign"].queryset = Campaign.objects.filter(
            Q(pk__in=selectors.visible_campaigns(user).values("pk"))
            | Q(pk__in=visible.filter(campaign__isnull=False).values("campaign_id"))
        )
        # Areas that hold submissions one may see (not the whole tree: it can be large).
        used = visible.filter(area__isnull=False).values("area_id")
        self.fields["area"].queryset = Area.objects.filter(pk__in=used).order_by("path")
        self.fields["state"].choices = [("", _("any")), *ReviewState.choices]

    def filters(self) -> dict:
        # A field typed wrong is reported on the form and left out; the others still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "form": data.get("form"),
            "campaign": data.get("campaign"),
            "area": data.get("area"),
            "state": data.get("state") or "",
            "received_from": data.get("received_from"),
            "received_to": data.get("received_to"),
        }


class ReviewForm(forms.Form):
    state = forms.ChoiceField(
        label=_("New review state"),
        choices=[(s.value, s.label) for s in REVIEWER_STATES],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for 'has issues' and 'rejected': the surveyor reads it."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
