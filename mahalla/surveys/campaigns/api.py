"""API of campaigns: read for viewers of submissions, create and update for survey managers,
with their targets and their progress per area. Every queryset goes through the scoping
function; a campaign outside the caller's scope is a 404."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, StandardPagination, parse_id
from mahalla.people.models import User
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm
from mahalla.places.models import Area
from mahalla.surveys.campaigns import progress, selectors, services
from mahalla.surveys.campaigns.forms import campaign_areas, visible_versions
from mahalla.surveys.models import Campaign, CampaignTarget, FormVersion


class CampaignSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.none())
    form_versions = serializers.PrimaryKeyRelatedField(
        many=True, queryset=FormVersion.objects.none(), required=False
    )
    surveyors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.none(), required=False
    )
    accepts_submissions = serializers.SerializerMethodField(
        help_text="True when the campaign takes submissions today."
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "name_en",
            "name_th",
            "name_fa",
            "area",
            "status",
            "starts_on",
            "ends_on",
            "form_versions",
            "surveyors",
            "accepts_submissions",
            "created_at",
        ]
        read_only_fields = ["id", "name", "created_at", "accepts_submissions"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.fields["area"].queryset = campaign_areas(user)
            self.fields["form_versions"].child_relation.queryset = visible_versions(user)
            self.fields["surveyors"].child_relation.queryset = User.objects.filter(is_active=True)

    def get_accepts_submissions(self, campaign: Campaign) -> bool:
        return services.accepts_submissions(campaign) is None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        names = {code: attrs.get(f"name_{code}") for code in ("en", "th", "fa")}
        if self.instance is not None:
            names = {
                k: v if v is not None else getattr(self.instance, f"name_{k}")
                for k, v in names.items()
            }
        if not any(names.values()):
            raise serializers.ValidationError(_("Give the name in at least one language."))
        starts = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError(
                {"ends_on": _("The campaign cannot end before it starts.")}
            )
        area = attrs.get("area", getattr(self.instance, "area", None))
        if "surveyors" in attrs and area is not None:
            allowed = set(services.surveyor_candidates(area).values_list("pk", flat=True))
            refused = [u.pk for u in attrs["surveyors"] if u.pk not in allowed]
            if refused:
                raise serializers.ValidationError(
                    {
                        "surveyors": _(
                            "%(names)s cannot send data in this area: give them the surveyor "
                            "role there first."
                        )
                        % {"names": ", ".join(str(pk) for pk in refused)}
                    }
                )
        return attrs

    def _save(self, campaign: Campaign, validated: dict[str, Any]) -> Campaign:
        versions = validated.pop("form_versions", None)
        surveyors = validated.pop("surveyors", None)
        for key, value in validated.items():
            setattr(campaign, key, value)
        try:
            return services.campaign_save(
                campaign=campaign,
                by=self.context["request"].user,
                form_versions=versions,
                surveyors=surveyors,
                reason="API",
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    def create(self, validated: dict[str, Any]) -> Campaign:
        return self._save(Campaign(), validated)

    def update(self, campaign: Campaign, validated: dict[str, Any]) -> Campaign:
        return self._save(campaign, validated)


class CampaignTargetSerializer(serializers.ModelSerializer):
    area_code = serializers.CharField(source="area.code", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = CampaignTarget
        fields = ["id", "area", "area_code", "area_name", "expected"]
        read_only_fields = fields


class AreaProgressSerializer(serializers.Serializer):
    area = serializers.IntegerField(source="area.pk")
    area_code = serializers.CharField(source="area.code")
    area_name = serializers.CharField(source="area.name")
    received = serializers.IntegerField()
    approved = serializers.IntegerField()
    expected = serializers.IntegerField()
    ratio = serializers.FloatField(
        allow_null=True, help_text="Received over expected; null when nothing is expected."
    )
    has_children = serializers.BooleanField()


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Campaign.Status.choices)
    q = django_filters.CharFilter(method="filter_q", label="Search in names")

    class Meta:
        model = Campaign
        fields = ["status"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        ids = selectors.campaign_list(user=self.request.user, q=value).values("pk")
        return queryset.filter(pk__in=ids)


AREA_PARAMETER = OpenApiParameter(
    "area", int, description="Area id inside the campaign's area (default: the campaign's area)"
)


class CampaignViewSet(
    BoundedLookupMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Survey campaigns: which form versions, areas, team and period."""

    serializer_class = CampaignSerializer
    pagination_class = StandardPagination
    filterset_class = CampaignFilter

    def _perm(self) -> str:
        writing = self.action in ("create", "update", "partial_update")
        return Perm.MANAGE_SURVEYS if writing else Perm.VIEW_SUBMISSIONS

    def get_queryset(self) -> QuerySet[Campaign]:
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        qs = Campaign.objects.select_related("area").prefetch_related("form_versions", "surveyors")
        return for_user(self.request.user, self._perm(), qs.order_by("-created_at", "-pk"))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not has_perm(request.user, Perm.MANAGE_SURVEYS):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    @extend_schema(summary="Targets of a campaign", responses=CampaignTargetSerializer(many=True))
    @action(detail=True, methods=["get"])
    def targets(self, request: Request, pk: str | None = None) -> Response:
        campaign = self.get_object()
        targets = CampaignTarget.objects.filter(campaign=campaign).select_related("area")
        page = self.paginate_queryset(targets.order_by("area__path"))
        return self.get_paginated_response(CampaignTargetSerializer(page, many=True).data)

    @extend_schema(
        summary="Progress of a campaign per child area of one area",
        parameters=[AREA_PARAMETER],
        responses=AreaProgressSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def progress(self, request: Request, pk: str | None = None) -> Response:
        campaign = self.get_object()
        raw = request.query_params.get("area")
        area_pk = None if raw in (None, "") else parse_id(raw)
        if raw not in (None, "") and area_pk is None:
            raise NotFound
        area = selectors.area_in_campaign(campaign=campaign, pk=area_pk)
        if area is None:
            raise NotFound
        level = progress.level_progress(campaign=campaign, parent=area)
        page = self.paginate_queryset(level.rows)
        return self.get_paginated_response(AreaProgressSerializer(page, many=True).data)
