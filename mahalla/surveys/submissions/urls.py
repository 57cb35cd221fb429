"""URLs of survey submissions (joined into mahalla.surveys.urls)."""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.submissions import views

urlpatterns: list = [
    path("submissions/", views.submission_list, name="submission_list"),
    path("submissions/mine/", views.my_submissions, name="my_submissions"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/review/", views.submission_review, name="submission_review"),
    path("submissions/<int:pk>/comment/", views.submission_comment, name="submission_comment"),
    path(
        "submissions/attachments/<int:pk>/",
        views.attachment_download,
        name="submission_attachment",
    ),
    path(
        "submissions/reparse/<int:form_pk>/",
        views.reparse_start,
        name="submission_reparse",
    ),
    path("submissions/jobs/<int:pk>/", views.submission_job_detail, name="submission_job_detail"),
    path(
        "submissions/jobs/<int:pk>/rerun/", views.submission_job_rerun, name="submission_job_rerun"
    ),
]
