"""URLs of survey exports (joined into mahalla.surveys.urls)."""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.exports import views

urlpatterns: list = [
    path("forms/<int:pk>/export/", views.export_form, name="export_form"),
    path("forms/<int:pk>/export/download/", views.export_download, name="export_download"),
    path("forms/<int:pk>/export/jobs/", views.export_job_new, name="export_job_new"),
    path("exports/", views.export_job_list, name="export_job_list"),
    path("exports/<int:pk>/", views.export_job_detail, name="export_job_detail"),
    path("exports/<int:pk>/progress/", views.export_job_progress, name="export_job_progress"),
    path("exports/<int:pk>/file/", views.export_job_file, name="export_job_file"),
    path("exports/<int:pk>/rerun/", views.export_job_rerun, name="export_job_rerun"),
]
