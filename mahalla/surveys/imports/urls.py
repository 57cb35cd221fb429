"""URLs of survey data imports (joined into mahalla.surveys.urls)."""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.imports import views

urlpatterns = [
    path("forms/<int:form_pk>/data-imports/", views.data_import_list, name="data_import_list"),
    path("forms/<int:form_pk>/data-imports/new/", views.data_import_new, name="data_import_new"),
    path("data-imports/<int:pk>/", views.data_import_detail, name="data_import_detail"),
    path(
        "data-imports/<int:pk>/progress/", views.data_import_progress, name="data_import_progress"
    ),
    path("data-imports/<int:pk>/write/", views.data_import_write, name="data_import_write"),
    path("data-imports/<int:pk>/rerun/", views.data_import_rerun, name="data_import_rerun"),
]
