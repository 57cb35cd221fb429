"""The REST API: read-only areas and organisations, token login, schema and docs."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from mahalla.people.api import OrganisationViewSet
from mahalla.people.api_auth import token_obtain
from mahalla.places.api import AreaViewSet

app_name = "api"


class Router(DefaultRouter):
    # One URL per resource: ".json" suffixes would double every pattern for no gain.
    include_format_suffixes = False


router = Router()
router.register("areas", AreaViewSet, basename="area")
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/token/", token_obtain, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
