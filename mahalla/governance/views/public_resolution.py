"""A public body's resolution for residents: its status and reports, and a form to send the
body an update or a question (no account needed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mahalla.governance.models import Resolution
from mahalla.governance.services.resolutions import MAX_RESIDENT_TEXT, resident_update_add
from mahalla.governance.views.common import add_errors, today_of


class ResidentUpdateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name (optional)"), max_length=100, required=False
    )
    text = forms.CharField(
        label=gettext_lazy("Your update or question"),
        max_length=MAX_RESIDENT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


def public_resolution(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = (
        Resolution.objects.filter(pk=pk, body__is_public=True, body__is_active=True)
        .exclude(status=Resolution.Status.CANCELLED)
        .select_related("body__calendar", "body__body_type")
        .prefetch_related("responsible")
        .first()
    )
    if resolution is None:
        raise Http404
    form = ResidentUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("governance:public_resolution", pk=resolution.pk)
        try:
            resident_update_add(
                resolution=resolution,
                text=form.cleaned_data["text"],
                name=form.cleaned_data["name"],
                user=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your update was sent to the body."))
            return redirect("governance:public_resolution", pk=resolution.pk)
    return render(
        request,
        "governance/public_resolution.html",
        {
            "resolution": resolution,
            "body": resolution.body,
            "today": today_of(resolution.body),
            "reports": resolution.reports.select_related("organisation").order_by("-created_at")[
                :50
            ],
            "form": form,
        },
        status=400 if form.errors else 200,
    )
