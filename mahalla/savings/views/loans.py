"""Loans: the group's loans and queue, an application with its schedule shown before the
committee decides, the decision, the payout, a loan's page, and reversing an entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mahalla.savings import selectors
from mahalla.savings.forms import (
    CollectiveLoanForm,
    DecisionForm,
    DisburseForm,
    LoanApplyForm,
    RescheduleForm,
    ReverseForm,
    WriteOffForm,
)
from mahalla.savings.models import Loan
from mahalla.savings.services import arrears, ledger, loans
from mahalla.savings.views.common import (
    PAGE_SIZE,
    back,
    flash_error,
    flash_form,
    group_or_404,
    loan_or_404,
    managing,
    new_key,
    post_key,
    recording,
    today_of,
    transaction_or_404,
)


@login_required
def loan_list(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(request, pk)
    status = request.GET.get("status", "")
    rows = group.loans.select_related("member", "product", "lender").order_by("-applied_on", "-pk")
    if status in Loan.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "savings/loan_list.html",
        {
            "group": group,
            "page": page,
            "loans": page.object_list,
            "status": status,
            "statuses": Loan.Status.choices,
            "queue": loans.queue(group),
            "may_record": selectors.may_record(request.user, group),
            "has_collective_products": group.loan_products.filter(is_collective=True).exists(),
        },
    )


@login_required
def loan_new(request: HttpRequest, pk: int) -> HttpResponse:
    group = recording(request, group_or_404(request, pk))
    form = LoanApplyForm(request.POST or None, group=group,
                         initial={"applied_on": today_of(group)})  # fmt: skip
    return _application(request, group, form, collective=False)


@login_required
def collective_loan_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's own loan from a lender (CODI's housing loan), which members' loans are
    on-lent from: the same queue, committee and payout as a member's loan."""
    group = recording(request, group_or_404(request, pk))
    form = CollectiveLoanForm(request.POST or None, group=group,
                              initial={"applied_on": today_of(group)})  # fmt: skip
    return _application(request, group, form, collective=True)


def _application(request: HttpRequest, group, form, *, collective: bool) -> HttpResponse:
    """Both application pages: the schedule shown first on request, then the application
    put in the queue, or the form again with the service's reasons on its fields."""
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parties = {
            "member": data.get("member"),
            "lender": data.get("lender"),
            "funded_by": data.get("funded_by"),
        }
        terms = {key: data[key] for key in ("product", "principal", "term_months", "applied_on")}
        if "preview" in request.POST:
            draft = Loan(group=group, member=parties["member"], lender=parties["lender"],
                         **terms)  # fmt: skip
            preview = loans.planned_schedule(draft)
        else:
            try:
                loan = loans.apply(group=group, purpose=data["purpose"],
                                   guarantors=data.get("guarantors") or (), **parties,
                                   **terms)  # fmt: skip
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for e in errors:
                        form.add_error(field if field in form.fields else None, e)
            else:
                messages.success(request, _("The application is in the queue."))
                return redirect("savings:loan_detail", pk=loan.pk)
    return render(request, "savings/loan_form.html",
                  {"group": group, "form": form, "preview": preview,
                   "collective": collective})  # fmt: skip


@login_required
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_or_404(request, pk)
    group = loan.group
    today = today_of(group)
    schedule = list(loan.instalments.all()) or loans.planned_schedule(loan)
    position = loans.loan_position(loan, today) if loan.status == Loan.Status.DISBURSED else None
    return render(
        request,
        "savings/loan_detail.html",
        {
            "loan": loan,
            "group": group,
            "schedule": schedule,
            "position": position,
            "paid": loans.paid_parts(loan),
            "transactions": loan.group.transactions.filter(loan=loan).order_by("seq"),
            "may_record": selectors.may_record(request.user, group),
            "may_manage": selectors.may_manage(request.user, group),
            "decision_form": DecisionForm(),
            "disburse_form": DisburseForm(initial={"day": today}),
            "reverse_form": ReverseForm(),
            "write_off_form": WriteOffForm(),
            "reschedule_form": RescheduleForm(initial={"term_months": loan.term_months}),
            "key": new_key(),
        },
    )


@login_required
@require_POST
def loan_decide(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_or_404(request, pk)
    managing(request, loan.group)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            loans.decide(loan=loan, approve=form.cleaned_data["decision"] == "approve",
                         by=request.user, approvers=form.cleaned_data["approvers"],
                         meeting=loan.group.meetings.filter(status="open").first())  # fmt: skip
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("The decision is recorded."))
    return redirect("savings:loan_detail", pk=loan.pk)


@login_required
@require_POST
def loan_disburse(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_or_404(request, pk)
    recording(request, loan.group)
    form = DisburseForm(request.POST)
    if form.is_valid():
        try:
            loans.disburse(loan=loan, day=form.cleaned_data["day"], key=post_key(request),
                           by=request.user, device="form",
                           meeting=loan.group.meetings.filter(status="open").first())  # fmt: skip
        except ValidationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("The loan is paid out; its schedule is fixed."))
    else:
        flash_form(request, form)
    return back(request, "savings:loan_detail", pk=loan.pk)


@login_required
@require_POST
def transaction_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    tx = transaction_or_404(request, pk)
    managing(request, tx.group)
    form = ReverseForm(request.POST)
    if form.is_valid():
        try:
            memo = form.cleaned_data["memo"]
            ledger.reverse(original=tx, key=post_key(request), by=request.user, memo=memo,
                           value_date=today_of(tx.group))  # fmt: skip
        except ValidationError as error:
            flash_error(request, error)
        except ledger.KeyConflict:
            messages.error(request, _("This form was already used; reload the page."))
        else:
            messages.success(request, _("The entry is reversed."))
    else:
        messages.error(request, _("Say why the entry is reversed."))
    return back(request, "savings:group_detail", pk=tx.group_id)


@login_required
def arrears_list(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(request, pk)
    today = today_of(group)
    ages = [a for a in arrears.loan_ages(group, today) if a.days_late > 0]
    ages.sort(key=lambda a: (-a.days_late, a.loan_id))
    page = Paginator(ages, PAGE_SIZE).get_page(request.GET.get("page"))
    found = {
        loan.pk: loan
        for loan in Loan.objects.filter(pk__in=[a.loan_id for a in page.object_list])
        .select_related("member", "product")
    }  # fmt: skip
    rows = [{"age": a, "loan": found[a.loan_id]} for a in page.object_list]
    return render(
        request,
        "savings/arrears.html",
        {"group": group, "today": today, "rows": rows, "page": page,
         "par": arrears.portfolio_at_risk(arrears.loan_ages(group, today))},
    )  # fmt: skip


@login_required
@require_POST
def loan_write_off(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_or_404(request, pk)
    managing(request, loan.group)
    form = WriteOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the loan is written off."))
        return redirect("savings:loan_detail", pk=loan.pk)
    try:
        loans.write_off(loan=loan, day=today_of(loan.group), key=post_key(request),
                        by=request.user, memo=form.cleaned_data["memo"])  # fmt: skip
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The loan is written off."))
    return redirect("savings:loan_detail", pk=loan.pk)


@login_required
@require_POST
def loan_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    loan = loan_or_404(request, pk)
    managing(request, loan.group)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("savings:loan_detail", pk=loan.pk)
    try:
        new = loans.reschedule(loan=loan, term_months=form.cleaned_data["term_months"],
                               day=today_of(loan.group), by=request.user,
                               key=post_key(request))  # fmt: skip
    except ValidationError as error:
        flash_error(request, error)
        return redirect("savings:loan_detail", pk=loan.pk)
    messages.success(request, _("The loan is rescheduled: this is the loan that continues it."))
    return redirect("savings:loan_detail", pk=new.pk)
