"""Read-only API of the area tree. Every queryset goes through the scoping function."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, IdFilter, StandardPagination
from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area

# Re-exported: API modules of other apps have imported the pagination from here.
__all__ = ["AreaViewSet", "StandardPagination"]


def _floats(size: int) -> serializers.ListField:
    """Schema of a fixed-length list of numbers (or null) for method fields."""
    return serializers.ListField(
        child=serializers.FloatField(), min_length=size, max_length=size, allow_null=True
    )


class AreaSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    level = serializers.CharField(source="level.code", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    bbox = serializers.SerializerMethodField(help_text="[min_x, min_y, max_x, max_y], WGS 84.")
    centroid = serializers.SerializerMethodField(help_text="[x, y], WGS 84.")
    has_geometry = serializers.SerializerMethodField()

    class Meta:
        model = Area
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "name_th",
            "name_fa",
            "level",
            "parent",
            "depth",
            "registration",
            "bbox",
            "centroid",
            "has_geometry",
            "geometry_is_synthetic",
        ]
        read_only_fields = fields

    @extend_schema_field(_floats(4))
    def get_bbox(self, area: Area) -> list[float] | None:
        return list(area.bbox) if area.bbox else None

    @extend_schema_field(_floats(2))
    def get_centroid(self, area: Area) -> list[float] | None:
        if area.centroid_x is None:
            return None
        return [area.centroid_x, area.centroid_y]

    def get_has_geometry(self, area: Area) -> bool:
        return bool(area.geometry_kind)


class AreaDetailSerializer(AreaSerializer):
    geometry = serializers.JSONField(read_only=True, help_text="GeoJSON geometry, WGS 84.")

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "geometry"]
        read_only_fields = fields


class AreaFilter(django_filters.FilterSet):
    level = django_filters.CharFilter(field_name="level__code", label="Level code")
    parent = IdFilter(field_name="parent_id", label="Parent area id")
    code = django_filters.CharFilter(field_name="code")
    registration = django_filters.ChoiceFilter(choices=Area.Registration.choices)
    q = django_filters.CharFilter(method="filter_q", label="Search in names and codes")
    within = IdFilter(
        method="filter_within", label="Area id: only areas in its subtree (itself included)"
    )

    class Meta:
        model = Area
        fields = ["level", "parent", "code", "registration"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        needle = normalize_search(value)
        return queryset.filter(search_text__contains=needle) if needle else queryset

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        # The root is looked up in scope too, so its path cannot leak through this filter.
        user = getattr(self.request, "user", None)
        root = for_user(user, Perm.VIEW_AREA, Area.objects.filter(pk=value)).first()
        if root is None:
            return queryset.none()
        return queryset.filter(path__startswith=root.path)


class AreaViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Areas (provinces, districts, neighbourhoods, communities) the user may see."""

    pagination_class = StandardPagination
    filterset_class = AreaFilter

    def get_queryset(self) -> QuerySet[Area]:
        if getattr(self, "swagger_fake_view", False):
            return Area.objects.none()
        qs = Area.objects.select_related("level").order_by("path")
        if self.action != "retrieve":
            # Lists never carry geometry; it can be large.
            qs = qs.defer("geometry")
        return for_user(self.request.user, Perm.VIEW_AREA, qs)

    def get_serializer_class(self):
        return AreaDetailSerializer if self.action == "retrieve" else AreaSerializer

    @extend_schema(
        summary="Children of an area",
        responses=AreaSerializer(many=True),
        filters=True,
    )
    @action(detail=True, methods=["get"])
    def children(self, request: Request, pk: str | None = None) -> Response:
        area = self.get_object()
        children = self.filter_queryset(self.get_queryset()).filter(parent=area)
        page = self.paginate_queryset(children)
        return self.get_paginated_response(AreaSerializer(page, many=True).data)
