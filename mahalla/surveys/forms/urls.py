"""URLs of survey forms (joined into mahalla.surveys.urls)."""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.forms import views

urlpatterns = [
    path("forms/", views.forms_list, name="forms_list"),
    path("forms/new/", views.forms_new, name="forms_new"),
    path("forms/<int:pk>/", views.forms_detail, name="forms_detail"),
    path("forms/<int:pk>/upload/", views.forms_version_new, name="forms_version_new"),
    path("versions/<int:pk>/", views.forms_version, name="forms_version"),
    path("versions/<int:pk>/media/", views.forms_version_media, name="forms_version_media"),
    path("versions/<int:pk>/publish/", views.forms_version_publish, name="forms_version_publish"),
    path("versions/<int:pk>/xlsform/", views.forms_version_xlsform, name="forms_version_xlsform"),
    path("versions/<int:pk>/xform.xml", views.forms_version_xform, name="forms_version_xform"),
]
