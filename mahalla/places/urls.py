from __future__ import annotations

from django.urls import path

from mahalla.places.views import areas, editing, exports, imports

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
    path(
        "imports/<int:pk>/progress/",
        imports.boundary_import_progress,
        name="boundary_import_progress",
    ),
]
