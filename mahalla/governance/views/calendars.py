"""Work calendars and their holidays, as editable data: the holidays that move every year
(lunar dates, substitution days) are entered here when they are announced."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mahalla.core.flash import with_names
from mahalla.core.forms import LocalDateField
from mahalla.core.i18n.inputs import mark_language_inputs
from mahalla.governance import selectors
from mahalla.governance.clock import reader_today
from mahalla.governance.models import Holiday, WorkCalendar
from mahalla.people.roles import Perm
from mahalla.people.scopes import user_scope


class HolidayForm(forms.ModelForm):
    date = LocalDateField(label=gettext_lazy("date"))

    class Meta:
        model = Holiday
        fields = ["date", "name_en", "name_th", "name_fa"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_language_inputs(self.fields, "name")

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f) for f in ("name_en", "name_th", "name_fa")):
            self.add_error("name_en", _("Give the holiday a name in at least one language."))
        return data


def may_edit_calendars(user) -> bool:
    """Every body of a country shares its calendar: only an administrator of everything."""
    return user_scope(user, Perm.MANAGE_GOVERNANCE).everything


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view(request.user):
        raise PermissionDenied
    today = reader_today()
    calendars = [
        (c, list(c.holidays.filter(date__gte=today.replace(month=1, day=1))[:80]))
        for c in WorkCalendar.objects.all()
    ]
    return render(
        request,
        "governance/calendar_list.html",
        {"calendars": calendars, "can_edit": may_edit_calendars(request.user),
         "form": HolidayForm()},
    )  # fmt: skip


@require_POST
@login_required
def holiday_add(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_edit_calendars(request.user):
        raise PermissionDenied
    calendar = get_object_or_404(WorkCalendar, pk=pk)
    form = HolidayForm(request.POST)
    if form.is_valid():
        holiday = form.save(commit=False)
        holiday.calendar = calendar
        holiday._history_user = request.user
        try:
            with transaction.atomic():
                holiday.save()
        except IntegrityError:
            messages.error(request, _("That date is already a holiday in this calendar."))
        else:
            messages.success(request, with_names(_("%(name)s was added."), name=holiday.name))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("governance:calendar_list")


@require_POST
@login_required
def holiday_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_edit_calendars(request.user):
        raise PermissionDenied
    holiday = get_object_or_404(Holiday, pk=pk)
    holiday._history_user = request.user
    name = holiday.name
    holiday.delete()
    messages.success(request, with_names(_("%(name)s was removed."), name=name))
    return redirect("governance:calendar_list")
