"""Submissions API: parsed JSON, versions, comments and the review action, scoped.

A submission is visible as on the pages: VIEW_SUBMISSIONS on its place, or the surveyor
who sent it. Reviewing needs REVIEW_SUBMISSIONS on it (403 when visible without it).
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, IdFilter, StandardPagination
from mahalla.core.jobs.messages import render_text
from mahalla.places.models import Area
from mahalla.surveys.models import ReviewState, Submission, SubmissionComment, SubmissionVersion
from mahalla.surveys.submissions import review, selectors


class SubmissionSerializer(serializers.ModelSerializer):
    form = serializers.CharField(source="form.xml_form_id", read_only=True)
    area = serializers.IntegerField(source="area_id", read_only=True, allow_null=True)
    campaign = serializers.IntegerField(source="campaign_id", read_only=True, allow_null=True)
    submitted_by = serializers.CharField(
        source="submitted_by.username", read_only=True, allow_null=True, default=None
    )
    form_version = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField(help_text="Answers of the current version.")
    parse_error = serializers.SerializerMethodField(
        help_text="Why the current version could not be read, in the request's language."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "instance_id",
            "form",
            "form_version",
            "campaign",
            "area",
            "longitude",
            "latitude",
            "review_state",
            "submitted_by",
            "created_at",
            "updated_at",
            "data",
            "parse_error",
        ]
        read_only_fields = fields

    def get_form_version(self, submission: Submission) -> str | None:
        current = submission.current
        return current.form_version.version if current and current.form_version else None

    def get_data(self, submission: Submission) -> dict | None:
        return submission.current.data if submission.current else None

    def get_parse_error(self, submission: Submission) -> str | None:
        current = submission.current
        return render_text(current.parse_error) if current and current.parse_error else None


class VersionSerializer(serializers.ModelSerializer):
    form_version = serializers.CharField(
        source="form_version.version", read_only=True, allow_null=True, default=None
    )
    parse_error = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionVersion
        fields = [
            "id",
            "instance_id",
            "deprecated_id",
            "form_version",
            "received_at",
            "parsed_at",
            "data",
            "parse_error",
        ]
        read_only_fields = fields

    def get_parse_error(self, version: SubmissionVersion) -> str | None:
        return render_text(version.parse_error) if version.parse_error else None


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(
        source="author.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = SubmissionComment
        fields = ["id", "author", "body", "review_state", "created_at"]
        read_only_fields = ["id", "author", "review_state", "created_at"]


class ReviewSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=[(s.value, s.label) for s in review.REVIEWER_STATES])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=review.COMMENT_MAX)


class SubmissionFilter(django_filters.FilterSet):
    form = IdFilter(field_name="form_id", label="Form id")
    form_id = django_filters.CharFilter(field_name="form__xml_form_id", label="XForm form ID")
    campaign = IdFilter(field_name="campaign_id", label="Campaign id")
    area = IdFilter(method="filter_area", label="Area id: submissions in its subtree")
    review_state = django_filters.ChoiceFilter(choices=ReviewState.choices)
    received_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    received_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    instance_id = django_filters.CharFilter(field_name="instance_id", lookup_expr="icontains")

    class Meta:
        model = Submission
        fields = ["form", "campaign", "review_state"]

    def filter_area(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        area = Area.objects.filter(pk=value).only("path").first()
        if area is None:
            return queryset.none()
        return queryset.filter(Q(area=area) | Q(area__path__startswith=area.path))


class SubmissionViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Submissions the user may see, with the answers of their current version."""

    pagination_class = StandardPagination
    filterset_class = SubmissionFilter
    serializer_class = SubmissionSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        return (
            selectors.visible_submissions(self.request.user)
            .select_related("form", "submitted_by", "current__form_version")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(summary="Versions of a submission", responses=VersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        submission = self.get_object()
        versions = submission.versions.select_related("form_version").order_by("received_at", "pk")
        return Response(VersionSerializer(versions, many=True).data)

    @extend_schema(
        summary="Comments on a submission (GET) or a new comment (POST)",
        request=CommentSerializer,
        responses=CommentSerializer(many=True),
    )
    @action(detail=True, methods=["get", "post"])
    def comments(self, request: Request, pk: str | None = None) -> Response:
        submission = self.get_object()
        if request.method == "POST":
            serializer = CommentSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            try:
                comment = review.submission_comment_add(
                    submission=submission, user=request.user, body=serializer.validated_data["body"]
                )
            except DjangoPermissionDenied as error:
                raise PermissionDenied from error
            except DjangoValidationError as error:
                raise ValidationError({"body": error.messages}) from error
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        comments = submission.comments.select_related("author")
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(
        summary="Set the review state (has_issues, approved, rejected), with a comment",
        request=ReviewSerializer,
        responses=SubmissionSerializer,
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        submission = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            review.submission_review(
                submission=submission,
                user=request.user,
                state=serializer.validated_data["state"],
                comment=serializer.validated_data.get("comment", ""),
            )
        except DjangoPermissionDenied as error:
            raise PermissionDenied from error
        except DjangoValidationError as error:
            raise ValidationError({"state": error.messages}) from error
        fresh = self.get_queryset().get(pk=submission.pk)
        return Response(SubmissionSerializer(fresh).data)


__all__ = ["SubmissionViewSet"]
