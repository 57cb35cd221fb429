"""Read-only API of survey forms and versions, with a publish action for managers."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, StandardPagination, parse_id
from mahalla.core.jobs.messages import render_text
from mahalla.surveys.forms import selectors, services
from mahalla.surveys.models import Form, FormMedia, FormVersion


class FormSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    area = serializers.IntegerField(source="area_id", read_only=True)

    class Meta:
        model = Form
        fields = [
            "id",
            "xml_form_id",
            "name",
            "name_en",
            "name_th",
            "name_fa",
            "area",
            "registry_mapping",
            "created_at",
        ]
        read_only_fields = fields


class FormMediaSerializer(serializers.ModelSerializer):
    missing = serializers.BooleanField(source="is_missing", read_only=True)

    class Meta:
        model = FormMedia
        fields = ["name", "kind", "missing", "md5", "size", "uploaded_at"]
        read_only_fields = fields


class FormVersionSerializer(serializers.ModelSerializer):
    form = serializers.IntegerField(source="form_id", read_only=True)
    xml_form_id = serializers.CharField(source="form.xml_form_id", read_only=True)
    media = FormMediaSerializer(many=True, read_only=True)
    fields = serializers.JSONField(read_only=True, help_text="Flattened questions.")
    titles = serializers.JSONField(read_only=True)
    languages = serializers.JSONField(read_only=True)
    warnings = serializers.SerializerMethodField(help_text="Warnings, in the request's language.")

    class Meta:
        model = FormVersion
        fields = [
            "id",
            "form",
            "xml_form_id",
            "version",
            "state",
            "xform_md5",
            "titles",
            "languages",
            "fields",
            "warnings",
            "media",
            "created_at",
            "published_at",
        ]
        read_only_fields = fields

    def get_warnings(self, version: FormVersion) -> list[str]:
        return [render_text(w) for w in version.warnings or []]


class _Scoped(BoundedLookupMixin):
    pagination_class = StandardPagination

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Signed in but holding no survey permission anywhere: 403 (as the pages).
        if not selectors.may_see_forms(request.user):
            raise PermissionDenied


class FormViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Survey forms the user may see (reviewers and managers of surveys)."""

    serializer_class = FormSerializer

    def get_queryset(self) -> QuerySet[Form]:
        if getattr(self, "swagger_fake_view", False):
            return Form.objects.none()
        return selectors.form_search(
            user=self.request.user, q=self.request.query_params.get("q", "")
        )


class FormVersionViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Versions of the forms the user may see; managers publish drafts."""

    serializer_class = FormVersionSerializer

    def get_queryset(self) -> QuerySet[FormVersion]:
        if getattr(self, "swagger_fake_view", False):
            return FormVersion.objects.none()
        qs = FormVersion.objects.select_related("form").prefetch_related("media")
        qs = selectors.scoped(self.request.user, qs).order_by("form__xml_form_id", "-created_at")
        form = self.request.query_params.get("form")
        if form:
            form_id = parse_id(form)
            if form_id is None:
                raise ValidationError({"form": ["Not a valid id."]})
            qs = qs.filter(form_id=form_id)
        return qs

    @extend_schema(
        summary="Publish a draft version",
        request=None,
        responses={200: FormVersionSerializer, 400: None, 403: None, 404: None},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        version = self.get_object()
        if not services.may_manage(request.user, version.form):
            raise PermissionDenied
        try:
            version = services.publish(version, request.user)
        except services.FormError as error:
            return Response(
                {"detail": [render_text(m) for m in error.messages]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(self.get_serializer(version).data)
