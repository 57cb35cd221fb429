"""API of governance: bodies, meetings and resolutions (read), and progress reports posted by
a responsible organisation's focal point. Every queryset goes through the scoping function;
closed minutes are left out unless the reader may read them."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, IdFilter, StandardPagination
from mahalla.governance import selectors
from mahalla.governance.clock import reader_today
from mahalla.governance.models import Action, Body, DevelopmentDocument, Meeting, Resolution
from mahalla.governance.models.resolutions import OPEN_STATUSES
from mahalla.governance.services.resolutions import progress_report_add
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user


class BodySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    body_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.IntegerField(source="area_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Body
        fields = ["id", "body_type", "name", "name_en", "name_th", "name_fa", "area", "parent",
                  "is_public"]  # fmt: skip
        read_only_fields = fields


class BodyFilter(django_filters.FilterSet):
    area = IdFilter(field_name="area_id", label="Area id")
    body_type = django_filters.CharFilter(field_name="body_type__code", label="Body type code")

    class Meta:
        model = Body
        fields = ["area", "body_type"]


class BodyViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Bodies in the reader's scope."""

    serializer_class = BodySerializer
    pagination_class = StandardPagination
    filterset_class = BodyFilter

    def get_queryset(self) -> QuerySet[Body]:
        if getattr(self, "swagger_fake_view", False):
            return Body.objects.none()
        return selectors.bodies(self.request.user).select_related("body_type").order_by("pk")


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="body_id", read_only=True)
    minutes = serializers.SerializerMethodField(
        help_text="The minutes; null when closed to the reader."
    )

    class Meta:
        model = Meeting
        fields = ["id", "body", "starts_at", "location", "agenda", "status", "minutes",
                  "minutes_public"]  # fmt: skip
        read_only_fields = fields

    def get_minutes(self, meeting: Meeting) -> str | None:
        readable = self.context.get("readable_bodies", set())
        if meeting.minutes_public or meeting.body_id in readable:
            return meeting.minutes
        return None


class MeetingViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Meeting]:
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.meetings(self.request.user).order_by("-starts_at", "-pk")

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["readable_bodies"] = selectors.minutes_readable_bodies(self.request.user)
        return context


class ResolutionSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="body_id", read_only=True)
    meeting = serializers.IntegerField(source="meeting_id", read_only=True, allow_null=True)
    responsible = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = ["id", "body", "meeting", "number", "text", "responsible", "decided_on",
                  "deadline", "period_amount", "period_unit", "status", "overdue", "done_on",
                  "version"]  # fmt: skip
        read_only_fields = fields

    def get_overdue(self, resolution: Resolution) -> bool:
        return resolution.status in OPEN_STATUSES and resolution.deadline < self.context["today"]


class ResolutionFilter(django_filters.FilterSet):
    body = IdFilter(field_name="body_id", label="Body id")
    organisation = IdFilter(field_name="responsible", label="Responsible organisation id")
    status = django_filters.ChoiceFilter(choices=Resolution.Status.choices)

    class Meta:
        model = Resolution
        fields = ["body", "organisation", "status"]


class ProgressReportInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
    organisation = serializers.IntegerField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=["", "in_progress", "done"], required=False)


class ResolutionViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Resolutions the reader sees: those of bodies in scope and those assigned to the
    reader's organisations. POST `report/` adds a progress report."""

    serializer_class = ResolutionSerializer
    pagination_class = StandardPagination
    filterset_class = ResolutionFilter

    def get_queryset(self) -> QuerySet[Resolution]:
        if getattr(self, "swagger_fake_view", False):
            return Resolution.objects.none()
        return (
            selectors.resolutions(self.request.user)
            .prefetch_related("responsible")
            .order_by("-decided_on", "-pk")
            .distinct()
        )

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": reader_today()}

    @action(detail=True, methods=["post"], serializer_class=ProgressReportInputSerializer)
    def report(self, request, pk=None) -> Response:
        resolution = self.get_object()
        if not selectors.may_report(request.user, resolution):
            raise PermissionDenied
        data = ProgressReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allowed = {o.pk: o for o in resolution.responsible.all()}
        org_id = data.validated_data.get("organisation")
        if org_id is not None and org_id not in allowed:
            raise ApiValidationError({"organisation": ["Not responsible for this resolution."]})
        try:
            report = progress_report_add(
                resolution=resolution,
                by=request.user,
                text=data.validated_data["text"],
                organisation=allowed.get(org_id),
                status=data.validated_data.get("status", ""),
            )
        except ValidationError as error:
            raise ApiValidationError(error.message_dict) from None
        return Response({"id": report.pk}, status=status.HTTP_201_CREATED)


class ScoredNeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="need.pk")
    text = serializers.CharField(source="need.text")
    group = serializers.CharField(source="need.group")
    source = serializers.CharField(source="need.source")
    votes = serializers.IntegerField()
    severity = serializers.IntegerField(source="need.severity")
    people_affected = serializers.IntegerField(source="need.people_affected")
    score = serializers.FloatField(help_text="Out of 100: the sum of the three parts.")
    votes_part = serializers.FloatField()
    severity_part = serializers.FloatField()
    reach_part = serializers.FloatField()


class DocumentActionSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", read_only=True)
    need = serializers.IntegerField(source="need_id", read_only=True, allow_null=True)
    resolution = serializers.IntegerField(source="resolution_id", read_only=True, allow_null=True)

    class Meta:
        model = Action
        fields = ["id", "need", "text", "owner", "budget", "currency", "starts_on", "ends_on",
                  "resolution"]  # fmt: skip
        read_only_fields = fields


class DevelopmentDocumentSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="body_id", read_only=True)
    area = serializers.IntegerField(source="area_id", read_only=True)
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    needs = serializers.SerializerMethodField()
    actions = DocumentActionSerializer(many=True, read_only=True)

    class Meta:
        model = DevelopmentDocument
        fields = ["id", "kind", "title", "project", "area", "body", "scheme", "status",
                  "current_rank", "weight_votes", "weight_severity", "weight_reach", "needs",
                  "actions"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(ScoredNeedSerializer(many=True))
    def get_needs(self, document: DevelopmentDocument) -> list[dict]:
        from mahalla.governance.services.documents import scored_needs

        return ScoredNeedSerializer(scored_needs(document), many=True).data


class DocumentViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Local development documents and social annexes, with their needs (scored, the weights
    and the three parts of each score) and actions."""

    serializer_class = DevelopmentDocumentSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[DevelopmentDocument]:
        if getattr(self, "swagger_fake_view", False):
            return DevelopmentDocument.objects.none()
        return (
            for_user(self.request.user, Perm.VIEW_GOVERNANCE, DevelopmentDocument.objects.all())
            .select_related("scheme")
            .prefetch_related("actions")
            .order_by("-created_at", "-pk")
        )
