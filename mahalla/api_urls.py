"""The REST API: read-only areas and organisations, token login, schema and docs."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from mahalla.governance.api import (
    BodyViewSet,
    DocumentViewSet,
    MeetingViewSet,
    ResolutionViewSet,
)
from mahalla.people.api import OrganisationViewSet
from mahalla.people.api_auth import token_obtain
from mahalla.places.api import AreaViewSet
from mahalla.registry.api import HouseholdViewSet, SettlementProfileViewSet, ValueViewSet
from mahalla.registry.api_tenure import SpatialUnitViewSet, TenureRelationshipViewSet
from mahalla.savings.api import GroupMeetingViewSet, LoanViewSet, SavingsGroupViewSet
from mahalla.surveys.campaigns.api import CampaignViewSet
from mahalla.surveys.forms.api import FormVersionViewSet, FormViewSet
from mahalla.surveys.submissions.api import SubmissionViewSet

app_name = "api"


class Router(DefaultRouter):
    # One URL per resource: ".json" suffixes would double every pattern for no gain.
    include_format_suffixes = False


# The docs pages' own markup and Swagger UI / Redoc (styled-components) add <style> elements:
# these two pages alone allow inline styles. Replaced, not extended: browsers ignore
# 'unsafe-inline' beside the 500 page's style hash. Their scripts stay 'self': Swagger UI's
# start-up script is served as a file by the split view; Redoc starts from its <redoc> element.
docs_csp = csp_replace({"style-src": ["'self'", "'unsafe-inline'"]})

router = Router()
router.register("areas", AreaViewSet, basename="area")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("survey-forms", FormViewSet, basename="survey-form")
router.register("survey-form-versions", FormVersionViewSet, basename="survey-form-version")
# --- surveys: submissions ---
router.register("submissions", SubmissionViewSet, basename="submission")
# --- registry ---
router.register("registry-values", ValueViewSet, basename="registry-value")
router.register("settlement-profiles", SettlementProfileViewSet, basename="settlement-profile")
router.register("households", HouseholdViewSet, basename="household")
router.register("spatial-units", SpatialUnitViewSet, basename="spatial-unit")
router.register("tenure-relationships", TenureRelationshipViewSet, basename="tenure-relationship")
# --- governance ---
router.register("bodies", BodyViewSet, basename="body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("development-documents", DocumentViewSet, basename="development-document")
# --- savings ---
router.register("savings-groups", SavingsGroupViewSet, basename="savings-group")
router.register("savings-loans", LoanViewSet, basename="savings-loan")
router.register("savings-meetings", GroupMeetingViewSet, basename="savings-meeting")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/token/", token_obtain, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path(
        "redoc/",
        docs_csp(SpectacularRedocView.as_view(url_name="api:schema")),
        name="redoc",
    ),
]
