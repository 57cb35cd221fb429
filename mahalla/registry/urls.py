"""URLs of the registry pages (under /registry/)."""

from __future__ import annotations

from django.urls import path

from mahalla.registry import views

app_name = "registry"

urlpatterns = [
    path("settlements/", views.settlement_list, name="settlement_list"),
    path("settlements/<int:pk>/", views.settlement_detail, name="settlement_detail"),
    path("households/", views.household_list, name="household_list"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/delete/", views.household_delete, name="household_delete"),
    path("households/<int:pk>/restore/", views.household_restore, name="household_restore"),
]
