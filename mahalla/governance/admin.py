"""Administration of governance's reference data: work calendars and their holidays (which
move every year), body types with their seat rules, and bodies."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mahalla.governance.models import (
    ApprovalLevel,
    ApprovalScheme,
    Body,
    BodyType,
    Holiday,
    SeatRule,
    WorkCalendar,
)


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 1
    ordering = ["-date"]


@admin.register(WorkCalendar)
class WorkCalendarAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "weekend", "time_zone"]
    inlines = [HolidayInline]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "calendar", "name_en", "name_th", "name_fa"]
    list_filter = ["calendar"]
    date_hierarchy = "date"
    search_fields = ["name_en", "name_th", "name_fa"]


class SeatRuleInline(admin.TabularInline):
    model = SeatRule
    extra = 1


@admin.register(BodyType)
class BodyTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "min_members", "max_members", "quorum_percent"]
    inlines = [SeatRuleInline]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_fa", "name_th", "body_type", "area", "parent"]
    list_filter = ["body_type", "calendar"]
    search_fields = ["name_en", "name_th", "name_fa"]
    raw_id_fields = ["area", "parent", "organisation"]


class ApprovalLevelInline(admin.TabularInline):
    model = ApprovalLevel
    extra = 1
    ordering = ["rank"]


@admin.register(ApprovalScheme)
class ApprovalSchemeAdmin(admin.ModelAdmin):
    """A programme's approval levels for development documents, in order."""

    list_display = ["code", "name_en", "name_th", "name_fa"]
    inlines = [ApprovalLevelInline]
