"""Groups: the list, a group's page (its books at a glance, members, meetings) and a
member's passbook (personal data: every view is written to the access log)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.core.audit import access_log_record
from mahalla.core.models import AccessLog
from mahalla.people.scopes import has_perm
from mahalla.savings import selectors
from mahalla.savings.forms import (
    CommitteeTermForm,
    MeetingOpenForm,
    MemberForm,
    PeriodCloseForm,
    SearchForm,
)
from mahalla.savings.models import Account, CommitteeTerm, SavingsMember
from mahalla.savings.services import (
    arrears,
    loans,
    meetings,
    nightly,
    operations,
    periods,
    reports,
)
from mahalla.savings.views.common import (
    PAGE_SIZE,
    flash_error,
    flash_form,
    group_or_404,
    managing,
    member_or_404,
    today_of,
)


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    if not selectors.may_view(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = Paginator(selectors.group_list(request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "savings/group_list.html",
        {"form": form, "page": page, "groups": page.object_list, "filtered": bool(q)},
    )


def _totals(group) -> dict:
    by_kind = {}
    for kind, balance in group.accounts.values_list("kind", "balance"):
        by_kind[kind] = by_kind.get(kind, 0) + balance
    return {
        "cash": by_kind.get(Account.Kind.CASH, 0),
        "savings": -by_kind.get(Account.Kind.MEMBER_SAVINGS, 0),
        "loans": by_kind.get(Account.Kind.LOAN, 0),
        "welfare": -by_kind.get(Account.Kind.WELFARE_FUND, 0),
        "lender": -by_kind.get(Account.Kind.LENDER_LOAN, 0),
    }


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(request, pk)
    today = today_of(group)
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    members = Paginator(selectors.member_search(group, q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    balances = {}
    for account in Account.objects.filter(
        member__in=list(members.object_list), kind=Account.Kind.MEMBER_SAVINGS
    ):
        balances[account.member_id] = balances.get(account.member_id, 0) - account.balance
    for member in members.object_list:
        member.savings = balances.get(member.pk, 0)
    access_log_record(user=request.user, action=AccessLog.Action.VIEW,
                      object_type="savings.savingsmember", area=group.organisation.area_id,
                      rows=len(members.object_list), request=request,
                      detail=f"group {group.pk} members")  # fmt: skip
    par = arrears.portfolio_at_risk(arrears.loan_ages(group, today))
    context = {
        "group": group,
        "today": today,
        "totals": _totals(group),
        "par": par,
        "par30": par.ratio(30),
        "members": members,
        "form": form,
        "open_meeting": group.meetings.filter(status="open").first(),
        "meetings": group.meetings.order_by("-held_on", "-pk")[:6],
        "queue": loans.queue(group)[:10],
        "may_record": selectors.may_record(request.user, group),
        "may_manage": selectors.may_manage(request.user, group),
        "open_form": MeetingOpenForm(initial={"held_on": today}),
        "close_form": PeriodCloseForm(),
        "member_form": MemberForm(
            group=group, households=_households(request, group), initial={"joined_on": today}
        ),
        "last_closed": group.closed_periods.first(),
        "findings": nightly.last_findings(group),
        "committee": CommitteeTerm.objects.filter(member__group=group)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("member")
        .order_by("role", "member__number"),
        "committee_form": CommitteeTermForm(group=group, initial={"starts_on": today}),
        "savings_products": group.savings_products.all(),
        "loan_products": group.loan_products.all(),
        "benefits": group.welfare_benefits.order_by("kind"),
        "fines": group.fine_rules.order_by("kind"),
    }
    return render(request, "savings/group_detail.html", context)


def _households(request, group):
    """The registry's households of the group's community, for those who may see them."""
    from mahalla.people.roles import Perm
    from mahalla.people.scopes import for_user
    from mahalla.registry.models import Household

    if not has_perm(request.user, Perm.VIEW_PERSONAL_DATA, group.organisation.area):
        return None
    rows = Household.objects.filter(area=group.organisation.area, is_deleted=False,
                                    merged_into__isnull=True)  # fmt: skip
    return for_user(request.user, Perm.VIEW_PERSONAL_DATA, rows).order_by("house_number", "pk")


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = managing(request, group_or_404(request, pk))
    form = MemberForm(request.POST, group=group, households=_households(request, group))
    if form.is_valid():
        number = (group.members.aggregate(n=Max("number"))["n"] or 0) + 1
        data = {k: v for k, v in form.cleaned_data.items() if k in ("name", "phone", "joined_on",
                                                                     "household")}  # fmt: skip
        SavingsMember.objects.create(group=group, number=number, **data)
        messages.success(request, _("Member added."))
    else:
        flash_form(request, form)
    return redirect("savings:group_detail", pk=group.pk)


@login_required
@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    group = managing(request, group_or_404(request, pk))
    form = PeriodCloseForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("savings:group_detail", pk=group.pk)
    try:
        periods.period_close(group=group, through=form.cleaned_data["through"], by=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The books are closed."))
    return redirect("savings:group_detail", pk=group.pk)


@login_required
@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    from mahalla.savings.views.common import recording

    group = recording(request, group_or_404(request, pk))
    form = MeetingOpenForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("savings:group_detail", pk=group.pk)
    try:
        meeting = meetings.meeting_open(
            group=group, held_on=form.cleaned_data["held_on"], by=request.user
        )
    except ValidationError as error:
        flash_error(request, error)
        return redirect("savings:group_detail", pk=group.pk)
    return redirect("savings:meeting_screen", pk=meeting.pk)


def _passbook_context(member) -> dict:
    group = member.group
    active = loans.active_loan(member)
    position = loans.loan_position(active, today_of(group)) if active else None
    return {
        "member": member,
        "group": group,
        "lines": reports.passbook(member),
        "savings": operations.savings_balance(member),
        "loan": active,
        "position": position,
        "today": today_of(group),
    }


@login_required
def passbook(request: HttpRequest, pk: int) -> HttpResponse:
    member = member_or_404(request, pk)
    access_log_record(user=request.user, action=AccessLog.Action.VIEW, obj=member,
                      area=member.group.organisation.area_id, rows=1, request=request,
                      detail="passbook")  # fmt: skip
    return render(request, "savings/passbook.html", _passbook_context(member))


@login_required
def passbook_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from mahalla.registry.reports.build import write_pdf

    member = member_or_404(request, pk)
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, obj=member,
                      area=member.group.organisation.area_id, rows=1, request=request,
                      detail="passbook pdf")  # fmt: skip
    html = render_to_string("savings/passbook_pdf.html", _passbook_context(member), request)
    handle = io.BytesIO()
    write_pdf(html, (translation.get_language() or "en")[:2], handle)
    response = HttpResponse(handle.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="passbook-{member.group_id}-{member.number}.pdf"'
    )
    return response


@login_required
@require_POST
def committee_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = managing(request, group_or_404(request, pk))
    form = CommitteeTermForm(request.POST, group=group)
    if form.is_valid():
        CommitteeTerm.objects.create(**form.cleaned_data)
        messages.success(request, _("The committee term is recorded."))
    else:
        flash_form(request, form)
    return redirect("savings:group_detail", pk=group.pk)
