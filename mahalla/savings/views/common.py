"""Lookups shared by the savings pages: out of scope is 404, no savings role is 403."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from mahalla.governance.clock import local_today
from mahalla.savings import selectors

PAGE_SIZE = 25


def _missing(request: HttpRequest):
    if not selectors.may_view(request.user):
        raise PermissionDenied
    raise Http404


def group_or_404(request, pk):
    return selectors.group_get(request.user, pk) or _missing(request)


def member_or_404(request, pk):
    return selectors.member_get(request.user, pk) or _missing(request)


def meeting_or_404(request, pk):
    return selectors.meeting_get(request.user, pk) or _missing(request)


def loan_or_404(request, pk):
    return selectors.loan_get(request.user, pk) or _missing(request)


def transaction_or_404(request, pk):
    return selectors.transaction_get(request.user, pk) or _missing(request)


def recording(request, group):
    if not selectors.may_record(request.user, group):
        raise PermissionDenied
    return group


def managing(request, group):
    if not selectors.may_manage(request.user, group):
        raise PermissionDenied
    return group


def today_of(group):
    return local_today(group.time_zone)


def new_key() -> str:
    """A fresh idempotency key, rendered into a form so that a double submit of the same
    page posts once."""
    return uuid.uuid4().hex


def post_key(request) -> str:
    return (request.POST.get("key") or "").strip() or new_key()


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for errors in error.message_dict.values() for m in errors]
    return [str(m) for m in error.messages]


def flash_error(request, error: ValidationError) -> None:
    for message in error_messages(error):
        messages.error(request, message)


def back(request, name: str, **kwargs):
    """Back to the page the form was on (`next`, a local path only), else to `name`."""
    from django.shortcuts import redirect

    target = request.POST.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(name, **kwargs)


def flash_form(request, form) -> None:
    """A refused form's errors as messages on the page it returns to, each with its field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
