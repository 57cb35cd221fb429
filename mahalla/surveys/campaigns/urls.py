"""URLs of survey campaigns (joined into mahalla.surveys.urls)."""

from __future__ import annotations

from django.urls import path

from mahalla.surveys.campaigns import views, views_targets

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_update, name="campaign_update"),
    path(
        "campaigns/<int:pk>/progress.geojson",
        views.campaign_progress_geojson,
        name="campaign_progress_geojson",
    ),
    path("campaigns/<int:pk>/targets/", views_targets.campaign_targets, name="campaign_targets"),
    path(
        "campaigns/<int:pk>/targets/import/",
        views_targets.campaign_targets_import,
        name="campaign_targets_import",
    ),
    path(
        "campaigns/<int:pk>/targets/import/confirm/",
        views_targets.campaign_targets_confirm,
        name="campaign_targets_confirm",
    ),
]
