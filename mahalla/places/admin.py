"""Admin for the area tree. Areas are created by imports and the area pages, which keep paths,
geometry columns and search text consistent; here they can be corrected, not moved."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mahalla.places.editing import may_add_top_level
from mahalla.places.models import Area, AreaLevel, BoundaryImport
from mahalla.places.services import prepare_area


@admin.register(AreaLevel)
class AreaLevelAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_th", "name_fa", "rank", "is_community"]
    ordering = ["rank"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_th", "name_fa", "code", "level", "registration", "depth"]
    list_filter = ["level", "registration", "geometry_kind", "geometry_is_synthetic"]
    search_fields = ["search_text", "code"]
    list_select_related = ["level"]
    fields = [
        "level",
        "parent",
        "code",
        "name_en",
        "name_th",
        "name_fa",
        "registration",
        "path",
        "depth",
        "geometry_kind",
        "geometry_is_synthetic",
    ]
    # Moving an area would need its whole subtree's paths rewritten; geometry comes from
    # imports so its derived columns stay in step.
    readonly_fields = ["parent", "path", "depth", "geometry_kind", "geometry_is_synthetic"]

    def has_add_permission(self, request) -> bool:
        # Only top-level places are added here (the parent is read-only): places beneath
        # another are added from that place's page, which checks the level and location.
        return may_add_top_level(request.user)

    def save_model(self, request, obj: Area, form, change: bool) -> None:
        prepare_area(obj)
        if change:
            super().save_model(request, obj, form, change)
            return
        # The path holds the area's own id, known only once saved (as in services.area_create);
        # the admin wraps this in one transaction.
        obj.path = "/"
        obj._change_reason = "created in the admin"
        super().save_model(request, obj, form, change)
        obj.path = f"/{obj.pk}/"
        Area.objects.filter(pk=obj.pk).update(path=obj.path)


@admin.register(BoundaryImport)
class BoundaryImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "parent", "level", "status", "created_at", "created_by"]
    list_filter = ["status"]
    list_select_related = ["parent", "level", "created_by"]
    readonly_fields = [f.name for f in BoundaryImport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
