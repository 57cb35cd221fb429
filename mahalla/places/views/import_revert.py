"""Reverting a written boundary import: a confirmation page saying what will happen, then it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mahalla.core.i18n.digits import format_number
from mahalla.places.boundary_imports.revert import (
    boundary_import_revert,
    boundary_import_revert_preview,
)
from mahalla.places.views.imports import _get_import


@login_required
def boundary_import_revert_view(request: HttpRequest, pk: int) -> HttpResponse:
    boundary_import = _get_import(request, pk)
    try:
        if request.method == "POST":
            plan = boundary_import_revert(boundary_import=boundary_import, user=request.user)
            messages.success(
                request,
                _(
                    "The import was reverted. Places deleted: %(deleted)s; places restored: "
                    "%(restored)s."
                )
                % {
                    "deleted": format_number(len(plan.created)),
                    "restored": format_number(len(plan.restored)),
                },
            )
            return redirect("places:boundary_import_detail", pk=boundary_import.pk)
        plan = boundary_import_revert_preview(boundary_import=boundary_import, user=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        if request.method == "POST":
            return redirect("places:boundary_import_revert", pk=boundary_import.pk)
        return redirect("places:boundary_import_detail", pk=boundary_import.pk)
    return render(
        request,
        "places/boundary_import_revert.html",
        {"boundary_import": boundary_import, "area": boundary_import.parent, "plan": plan},
    )
