from __future__ import annotations

from django.contrib import admin

from mahalla.core.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log is append-only, even for superusers."""

    list_display = ["at", "user", "action", "object_type", "object_id", "area_id", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_type", "object_id", "user__username", "detail"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
