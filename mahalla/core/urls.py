from __future__ import annotations

from django.urls import path

from mahalla.core.views import home

urlpatterns = [
    path("", home, name="home"),
]
