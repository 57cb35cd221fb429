from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.services import organisation_search_text


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ["language", "time_zone"]}),
    ]
    list_display = [*DjangoUserAdmin.list_display, "language", "time_zone"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Staff who may edit people must not hand anyone, themselves included, more rights.
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return fields


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_th", "name_fa", "short_name_th", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["search_text"]  # holds every name and short name
    list_select_related = ["area"]
    raw_id_fields = ["area"]

    def save_model(self, request, obj: Organisation, form, change: bool) -> None:
        obj.search_text = organisation_search_text(obj)
        super().save_model(request, obj, form, change)


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    """Grants are never deleted; revoke them (set "revoked") so the record stays."""

    list_display = ["user", "role", "area", "organisation", "granted_at", "revoked_at"]
    list_filter = ["role", "revoked_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "area", "organisation"]
    raw_id_fields = ["user", "area", "organisation", "granted_by", "revoked_by"]
    readonly_fields = ["granted_at", "granted_by"]

    # Grants made here skip the checks of `services.role_grant` (no grants to oneself or
    # beyond one's own rights), so only superusers, who hold every right already, write here.
    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
