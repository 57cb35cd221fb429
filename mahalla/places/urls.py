from __future__ import annotations

from django.urls import path

from mahalla.places.views import areas, editing, exports, import_preview, import_revert, imports

app_name = "places"

urlpatterns = [
    path("", areas.area_list, name="area_list"),
    path("<int:pk>/", areas.area_detail, name="area_detail"),
    path("new/", editing.area_create_top_level, name="area_create_top_level"),
    path("<int:parent_pk>/new/", editing.area_create, name="area_create"),
    path("<int:pk>/edit/", editing.area_update, name="area_update"),
    path("<int:pk>/map.geojson", areas.area_geojson, name="area_geojson"),
    path("<int:pk>/export/<str:fmt>/", exports.area_export, name="area_export"),
    path("<int:pk>/import/", imports.boundary_import_new, name="boundary_import_new"),
    path("imports/<int:pk>/", imports.boundary_import_detail, name="boundary_import_detail"),
    path("imports/<int:pk>/rerun/", imports.boundary_import_rerun, name="boundary_import_rerun"),
    path(
        "imports/<int:pk>/preview/",
        import_preview.boundary_import_preview,
        name="boundary_import_preview",
    ),
    path(
        "imports/<int:pk>/write/",
        import_preview.boundary_import_write,
        name="boundary_import_write",
    ),
    path(
        "imports/<int:pk>/replan/",
        import_preview.boundary_import_replan,
        name="boundary_import_replan",
    ),
    path(
        "imports/<int:pk>/back/", import_preview.boundary_import_back, name="boundary_import_back"
    ),
    path(
        "imports/<int:pk>/cancel/",
        import_preview.boundary_import_cancel,
        name="boundary_import_cancel",
    ),
    path(
        "imports/<int:pk>/revert/",
        import_revert.boundary_import_revert_view,
        name="boundary_import_revert",
    ),
    path(
        "imports/<int:pk>/progress/",
        imports.boundary_import_progress,
        name="boundary_import_progress",
    ),
]
