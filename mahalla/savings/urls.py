"""URLs of the savings pages (under /savings/)."""

from __future__ import annotations

from django.urls import path

from mahalla.savings.views import groups, loans, meetings, reports

app_name = "savings"

urlpatterns = [
    path("", groups.group_list, name="group_list"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/members/new/", groups.member_add, name="member_add"),
    path("groups/<int:pk>/close-books/", groups.period_close, name="period_close"),
    path("groups/<int:pk>/committee/new/", groups.committee_add, name="committee_add"),
    path("groups/<int:pk>/meetings/open/", groups.meeting_open, name="meeting_open"),
    path("groups/<int:pk>/loans/", loans.loan_list, name="loan_list"),
    path("groups/<int:pk>/loans/new/", loans.loan_new, name="loan_new"),
    path(
        "groups/<int:pk>/loans/collective/new/",
        loans.collective_loan_new,
        name="collective_loan_new",
    ),
    path("groups/<int:pk>/arrears/", loans.arrears_list, name="arrears"),
    path("groups/<int:pk>/reports/", reports.group_reports, name="reports"),
    path("members/<int:pk>/", groups.passbook, name="passbook"),
    path("members/<int:pk>/passbook.pdf", groups.passbook_pdf, name="passbook_pdf"),
    # The service worker sits in the meetings' folder, so its scope is every meeting screen.
    path("meetings/sw.js", meetings.meeting_sw, name="meeting_sw"),
    path("meetings/<int:pk>/", meetings.meeting_screen, name="meeting_screen"),
    path("meetings/<int:pk>/entries/<slug:key>/", meetings.meeting_entry, name="meeting_entry"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting_close"),
    path("loans/<int:pk>/", loans.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/decide/", loans.loan_decide, name="loan_decide"),
    path("loans/<int:pk>/disburse/", loans.loan_disburse, name="loan_disburse"),
    path("loans/<int:pk>/write-off/", loans.loan_write_off, name="loan_write_off"),
    path("loans/<int:pk>/reschedule/", loans.loan_reschedule, name="loan_reschedule"),
    path("transactions/<int:pk>/reverse/", loans.transaction_reverse, name="transaction_reverse"),
]
