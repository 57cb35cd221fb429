from __future__ import annotations

from django.urls import path

from mahalla.people.views import access_log, grants, organisations, users

app_name = "people"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<int:pk>/edit/",
        organisations.organisation_update,
        name="organisation_update",
    ),
    path("roles/", grants.grant_list, name="grant_list"),
    path("roles/new/", grants.grant_create, name="grant_create"),
    path("roles/people/", grants.grant_people_search, name="grant_people_search"),
    path("roles/<int:pk>/revoke/", grants.grant_revoke, name="grant_revoke"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("access-log/", access_log.access_log_list, name="access_log"),
    path("access-log.csv", access_log.access_log_csv, name="access_log_csv"),
]
