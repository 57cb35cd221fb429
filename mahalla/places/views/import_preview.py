"""The preview of a planned boundary import: what it will change, choices, write or not."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.places.boundary_imports import preview as import_preview
from mahalla.places.boundary_imports.preview import SHOW, plan_candidates, plan_counts, plan_rows
from mahalla.places.views.imports import _get_import

PAGE_SIZE = 50
CHOICE_PREFIX = "choice-"


def _detail(boundary_import) -> HttpResponse:
    return redirect("places:boundary_import_detail", pk=boundary_import.pk)


def _decisions(request: HttpRequest) -> dict[int, str]:
    decisions = {}
    for key, value in request.POST.items():
        number = key.removeprefix(CHOICE_PREFIX)
        if key.startswith(CHOICE_PREFIX) and number.isdigit():
            decisions[int(number)] = value
    return decisions


@login_required
def boundary_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    boundary_import = _get_import(request, pk)
    if not boundary_import.awaiting_confirmation:
        return _detail(boundary_import)
    if request.method == "POST":
        try:
            saved = import_preview.plan_choose(
                boundary_import=boundary_import, user=request.user, decisions=_decisions(request)
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if saved:
                messages.success(request, _("Your choices are saved."))
        query = request.GET.urlencode()
        url = reverse("places:boundary_import_preview", kwargs={"pk": boundary_import.pk})
        return redirect(f"{url}?{query}" if query else url)
    show = request.GET.get("show", "")
    show = show if show in SHOW else ""
    page = Paginator(plan_rows(boundary_import=boundary_import, show=show), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    candidates = plan_candidates(user=request.user, rows=rows)
    for row in rows:
        row.candidate_areas = [candidates[pk] for pk in row.candidates if pk in candidates]
    return render(
        request,
        "places/boundary_import_preview.html",
        {
            "boundary_import": boundary_import,
            "area": boundary_import.parent,
            "counts": plan_counts(boundary_import=boundary_import),
            "page": page,
            "rows": rows,
            "show": show,
            "has_choices": any(row.action == row.Action.AMBIGUOUS for row in rows),
        },
    )


def _step(service: Callable, done: str | None = None) -> Callable:
    """A POST-only view that runs one step on the import, then goes back to its page."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        boundary_import = _get_import(request, pk)
        try:
            service(boundary_import=boundary_import, user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            if boundary_import.awaiting_confirmation:
                return redirect("places:boundary_import_preview", pk=boundary_import.pk)
            return _detail(boundary_import)
        if done == "area":
            messages.success(request, _("The import was cancelled; nothing was written."))
            return redirect("places:area_detail", pk=boundary_import.parent_id)
        return _detail(boundary_import)

    return view


boundary_import_write = _step(import_preview.boundary_import_confirm)
boundary_import_replan = _step(import_preview.boundary_import_replan)
boundary_import_back = _step(import_preview.boundary_import_back)
boundary_import_cancel = _step(import_preview.boundary_import_cancel, done="area")
