"""URLs of survey webforms (joined into mahalla.surveys.urls).

All live under /surveys/webforms/, the service worker's scope, so it can keep every form page,
its XForm and its media for offline use.
"""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.webforms import views

urlpatterns: list = [
    path("webforms/", views.webform_list, name="webform_list"),
    path("webforms/sw.js", views.webform_sw, name="webform_sw"),
    path("webforms/<int:pk>/", views.webform, name="webform"),
    path("webforms/<int:pk>/form.xml", views.webform_xform, name="webform_xform"),
    path("webforms/<int:pk>/media/<str:name>", views.webform_media, name="webform_media"),
    path("webforms/<int:pk>/submission/", views.webform_submit, name="webform_submit"),
]
