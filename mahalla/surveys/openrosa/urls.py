"""URLs of the OpenRosa server and the app-user pages (joined into mahalla.surveys.urls).

ODK Collect is given a server URL and appends `/formList` and `/submission` to it: the app
users' server URL is `.../openrosa/key/<token>`, signed-in people's `.../openrosa`.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import path

from mahalla.surveys.openrosa import app_user_views, views

_OPENROSA = [
    ("formList", views.form_list, "form_list"),
    ("forms/<int:pk>/form.xml", views.form_xml, "form_xml"),
    ("forms/<int:pk>/manifest", views.manifest, "manifest"),
    ("forms/<int:pk>/media/<str:name>", views.media, "media"),
    ("submission", views.submission, "submission"),
]

urlpatterns: list = [
    *(path(f"openrosa/{route}", view, name=f"openrosa_{name}") for route, view, name in _OPENROSA),
    *(
        path(f"openrosa/key/<str:token>/{route}", view, name=f"openrosa_key_{name}")
        for route, view, name in _OPENROSA
    ),
    path("campaigns/<int:pk>/app-users/", app_user_views.app_user_list, name="app_user_list"),
    path(
        "campaigns/<int:pk>/app-users/codes/",
        app_user_views.app_user_codes,
        name="app_user_codes",
    ),
    path("app-users/<int:pk>/revoke/", app_user_views.app_user_revoke, name="app_user_revoke"),
]

if settings.BENCH_BARE_ENDPOINT:  # benchmark only: never on in production
    from mahalla.surveys.openrosa import bench_bare

    urlpatterns.append(path("openrosa/bench-bare", bench_bare.bare, name="openrosa_bench_bare"))
