"""Bodies: the list, one body's page (members, composition warnings, meetings, resolutions)
and its members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.flash import with_names
from mahalla.core.history import history_rows
from mahalla.governance import selectors
from mahalla.governance.forms import BodyFilterForm, BodyForm, MembershipForm, TrackerFilterForm
from mahalla.governance.models import Membership
from mahalla.governance.services import bodies as body_services
from mahalla.governance.views.common import (
    PAGE_SIZE,
    add_errors,
    body_or_404,
    managed_body,
    today_of,
)
from mahalla.people.roles import Perm
from mahalla.people.scopes import has_perm


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view(request.user):
        raise PermissionDenied
    form = BodyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.body_list(
        request.user, q=filters.get("q", ""), body_type=filters.get("body_type")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/body_list.html",
        {
            "form": form,
            "page": page,
            "bodies": page.object_list,
            "filtered": bool(request.GET.get("q") or request.GET.get("body_type")),
        },
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_or_404(request, pk)
    today = today_of(body)
    members = list(body.memberships.select_related("organisation", "user"))
    body._prefetched_objects_cache = {"memberships": members}
    current = [m for m in members if m.is_current(today)]
    past = [m for m in members if not m.is_current(today)]
    filters = TrackerFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    rows = selectors.filter_status(body.resolutions.all(), status, today)
    page = Paginator(
        selectors.tracker_rows(rows).order_by("-decided_on", "-number"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    may_manage = selectors.may_manage(request.user, body)
    context = {
        "body": body,
        "today": today,
        "members": current,
        "past_members": past,
        "warnings": body_services.composition_warnings(body, today),
        "meetings": body.meetings.order_by("-starts_at")[:10],
        "page": page,
        "resolutions": page.object_list,
        "filters": filters,
        "compliance": selectors.compliance(body.resolutions.all(), today),
        "may_manage": may_manage,
        "member_form": MembershipForm(initial={"term_start": today}) if may_manage else None,
        "can_view_history": has_perm(request.user, Perm.VIEW_HISTORY, body),
        "targets": list(body.target_areas.all()),
        "elections": list(body.elections.all()[:10]),
    }
    if context["can_view_history"]:
        context["history_rows"] = history_rows(body)
    return render(request, "governance/body_detail.html", context)


@login_required
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, body_or_404(request, pk))
    form = MembershipForm(request.POST or None, initial={"term_start": today_of(body)})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user = data.pop("username", None)
        try:
            membership = body_services.membership_add(body=body, by=request.user, user=user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                with_names(_("%(name)s was added to the body."), name=membership.person_name),
            )
            return redirect("governance:body_detail", pk=body.pk)
    return render(request, "governance/membership_form.html", {"body": body, "form": form})


@require_POST
@login_required
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("body__calendar"), pk=pk)
    body = managed_body(request, body_or_404(request, membership.body_id))
    try:
        body_services.membership_end(membership=membership, on=today_of(body), by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, with_names(_("The term of %(name)s ended today."), name=membership.person_name)
        )
    return redirect("governance:body_detail", pk=body.pk)


def _default_calendar(request: HttpRequest):
    from mahalla.governance.models import WorkCalendar

    code = {"th": "thailand", "fa": "iran"}.get((request.LANGUAGE_CODE or "")[:2])
    return WorkCalendar.objects.filter(code=code).first() if code else None


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, Perm.MANAGE_GOVERNANCE):
        raise PermissionDenied
    initial = {"calendar": _default_calendar(request), "is_public": True}
    form = BodyForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        body = body_services.body_save(form=form, by=request.user)
        messages.success(request, with_names(_("%(name)s was created."), name=body.name))
        return redirect("governance:body_detail", pk=body.pk)
    return render(request, "governance/body_form.html", {"form": form, "body": None})


@login_required
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, body_or_404(request, pk))
    form = BodyForm(request.POST or None, user=request.user, instance=body)
    if request.method == "POST" and form.is_valid():
        body = body_services.body_save(form=form, by=request.user)
        messages.success(request, with_names(_("%(name)s was saved."), name=body.name))
        return redirect("governance:body_detail", pk=body.pk)
    return render(request, "governance/body_form.html", {"form": form, "body": body})
