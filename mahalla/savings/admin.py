"""The admin shows the books read-only: money moves only through the services (postings,
reversals), never by editing a row."""

from __future__ import annotations

from django.contrib import admin

from mahalla.savings.models import (
    Account,
    BooksCheckRun,
    FineRule,
    LoanProduct,
    SavingsGroup,
    SavingsMember,
    SavingsProduct,
    Transaction,
    WelfareBenefit,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SavingsGroup)
class SavingsGroupAdmin(admin.ModelAdmin):
    list_display = ["organisation", "currency", "fiscal_calendar", "closed_through"]
    readonly_fields = ["closed_through"]


@admin.register(SavingsMember)
class SavingsMemberAdmin(admin.ModelAdmin):
    list_display = ["group", "number", "name", "joined_on", "left_on"]
    search_fields = ["name"]


for model in (SavingsProduct, LoanProduct, WelfareBenefit, FineRule):
    admin.site.register(model)


@admin.register(Account)
class AccountAdmin(ReadOnly):
    list_display = ["group", "key", "kind", "balance"]


@admin.register(Transaction)
class TransactionAdmin(ReadOnly):
    list_display = ["group", "seq", "kind", "value_date", "posted_by", "meeting"]


@admin.register(BooksCheckRun)
class BooksCheckRunAdmin(ReadOnly):
    list_display = ["run_date", "status", "penalties", "finished_at"]
