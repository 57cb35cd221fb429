"""Lookups shared by the governance pages: out of scope is 404, no governance role is 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from mahalla.governance import selectors
from mahalla.governance.clock import local_today

PAGE_SIZE = 25


def _missing(request: HttpRequest):
    if not selectors.may_view(request.user):
        raise PermissionDenied
    raise Http404


def body_or_404(request: HttpRequest, pk: int):
    return selectors.body_get(request.user, pk) or _missing(request)


def meeting_or_404(request: HttpRequest, pk: int):
    return selectors.meeting_get(request.user, pk) or _missing(request)


def resolution_or_404(request: HttpRequest, pk: int):
    return selectors.resolution_get(request.user, pk) or _missing(request)


def managed_body(request: HttpRequest, body):
    if not selectors.may_manage(request.user, body):
        raise PermissionDenied
    return body


def today_of(body):
    return local_today(body.calendar.time_zone)


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in error.messages:
            form.add_error(None, e)


def flash_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
