"""The group's reports for a month of its calendar, and the statements of a fiscal year;
each also as an XLSX workbook."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mahalla.core.i18n.calendars import format_date, format_month
from mahalla.savings.services import periods, reports
from mahalla.savings.views.common import group_or_404, today_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request, group) -> tuple[date, date, list]:
    months = periods.recent_months(group, today_of(group))
    chosen = request.GET.get("month", "")
    for start, end in months:
        if start.isoformat() == chosen:
            return start, end, months
    return months[0][0], months[0][1], months


@login_required
def group_reports(request: HttpRequest, pk: int) -> HttpResponse:
    group = group_or_404(request, pk)
    start, end, months = _month(request, group)
    month = reports.month_report(group, start, end)
    trial, debits, credits = reports.trial_balance(group, end)
    lender = reports.lender_report(group, start, end)
    year_start, year_end = periods.fiscal_year_bounds(group, end)
    statements = reports.statements(group, year_start, min(year_end, end))
    if request.GET.get("format") == "xlsx":
        return _xlsx(group, month, trial, lender, statements)
    return render(
        request,
        "savings/reports.html",
        {
            "group": group,
            "month": month,
            "months": [(s, format_month(s)) for s, _e in months],
            "trial": trial,
            "debits": debits,
            "credits": credits,
            "lender": lender,
            "statements": statements,
            "year_start": year_start,
            "year_end": year_end,
        },
    )


def _xlsx(group, month, trial, lender, statements) -> HttpResponse:
    import xlsxwriter

    handle = io.BytesIO()
    book = xlsxwriter.Workbook(handle, {"in_memory": True})
    money = book.add_format({"num_format": "#,##0.00"})
    bold = book.add_format({"bold": True})

    def sheet(title, header, rows):
        ws = book.add_worksheet(title[:31])
        ws.write_row(0, 0, header, bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, (int, float)) or hasattr(value, "quantize"):
                    ws.write_number(r, c, float(value), money)
                else:
                    ws.write(r, c, str(value))
        ws.set_column(0, 0, 36)
        ws.set_column(1, len(header), 16)

    period = f"{format_date(month.start)} – {format_date(month.end)}"
    sheet(_("Month"), [_("Item"), period], [
        (_("Savings deposited"), month.savings_in), (_("Savings withdrawn"), month.savings_out),
        (_("Savings held"), month.savings_total), (_("Loans paid out"), month.disbursed),
        (_("Repayments"), month.repaid), (_("Loans outstanding"), month.outstanding),
        (_("In arrears"), month.arrears), (_("Welfare contributions"), month.welfare_in),
        (_("Welfare benefits paid"), month.welfare_out), (_("Welfare fund"), month.welfare_fund),
        (_("Fines"), month.fines), (_("Cash at the start"), month.cash_start),
        (_("Cash at the end"), month.cash_end),
    ])  # fmt: skip
    sheet(_("Trial balance"), [_("Account"), _("Debit"), _("Credit")],
          [(str(r.label), r.debit, r.credit) for r in trial])  # fmt: skip
    sheet(_("Financial position"), [_("Item"), _("Amount")],
          [(str(label), value) for label, value in statements.assets + statements.liabilities]
          + [(_("Surplus of the year"), statements.surplus)])  # fmt: skip
    sheet(_("Lender"), [_("Loan"), _("Due to the lender"), _("Due from members"), _("Gap"),
                        _("Collected"), _("Paid to the lender")],
          [(str(r.loan.lender), r.due_to_lender, r.due_from_members, r.gap, r.collected,
            r.paid_to_lender) for r in lender])  # fmt: skip
    book.close()
    response = HttpResponse(handle.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="savings-{group.pk}-{month.start:%Y-%m}.xlsx"'
    )
    return response
