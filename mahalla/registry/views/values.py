"""The value lists' pages: read by everyone with the registry right, changed by an
administrator of everything (`value_edit`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mahalla.core.flash import with_names
from mahalla.core.history import history_rows
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm
from mahalla.registry import value_edit
from mahalla.registry.forms import ValueForm
from mahalla.registry.models import Value, ValueList


def _readable(request: HttpRequest) -> None:
    if not value_edit.may_read(request.user):
        raise PermissionDenied


def _save(request: HttpRequest, form: ValueForm, list_name: str, value: Value | None):
    if not form.is_valid():
        return None
    try:
        return value_edit.value_save(
            user=request.user, list_name=list_name, data=form.cleaned_data, value=value
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                for text in errors:
                    form.add_error(field if field in form.fields else None, text)
        else:
            form.add_error(None, error)
        return None


@login_required
def value_lists(request: HttpRequest) -> HttpResponse:
    _readable(request)
    return render(
        request,
        "registry/value_lists.html",
        {"lists": value_edit.lists_with_counts(), "can_edit": value_edit.may_edit(request.user)},
    )


@login_required
def value_list(request: HttpRequest, list_name: str) -> HttpResponse:
    _readable(request)
    if list_name not in ValueList.values:
        raise Http404
    can_edit = value_edit.may_edit(request.user)
    form = ValueForm(prefix="new")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = ValueForm(request.POST, prefix="new")
        saved = _save(request, form, list_name, None)
        if saved is not None:
            messages.success(request, with_names(_("“%(name)s” was added."), name=saved.name))
            return redirect("registry:value_list", list_name=list_name)
    return render(
        request,
        "registry/value_list.html",
        {
            "list_name": list_name,
            "label": ValueList(list_name).label,
            "values": Value.objects.filter(list=list_name).order_by("rank", "code"),
            "can_edit": can_edit,
            "form": form,
        },
    )


@login_required
def value_change(request: HttpRequest, pk: int) -> HttpResponse:
    _readable(request)
    value = get_object_or_404(Value, pk=pk)
    if not value_edit.may_edit(request.user):
        raise PermissionDenied
    form = ValueForm(request.POST or None, instance=value)
    if request.method == "POST":
        saved = _save(request, form, value.list, value)
        if saved is not None:
            messages.success(request, with_names(_("“%(name)s” was saved."), name=saved.name))
            return redirect("registry:value_list", list_name=value.list)
    can_view_history = has_perm(request.user, Perm.VIEW_HISTORY)
    return render(
        request,
        "registry/value_edit.html",
        {
            "value": value,
            "label": ValueList(value.list).label,
            "form": form,
            "can_view_history": can_view_history,
            "history_rows": history_rows(value) if can_view_history else [],
        },
    )
