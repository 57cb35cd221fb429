"""Read-only API of organisations. Every queryset goes through the scoping function."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from mahalla.core.api import BoundedLookupMixin, IdFilter, StandardPagination
from mahalla.core.i18n.text import normalize_search
from mahalla.people.models import Organisation
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    short_name = serializers.CharField(
        read_only=True, help_text="Short name in the request's language; may be empty."
    )
    area = serializers.IntegerField(source="area_id", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name",
            "name_en",
            "name_th",
            "name_fa",
            "short_name",
            "short_name_en",
            "short_name_th",
            "short_name_fa",
            "area",
            "is_active",
        ]
        read_only_fields = fields


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    area = IdFilter(field_name="area_id", label="Area id")
    q = django_filters.CharFilter(method="filter_q", label="Search in names")

    class Meta:
        model = Organisation
        fields = ["kind", "area"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        needle = normalize_search(value)
        return queryset.filter(search_text__contains=needle) if needle else queryset


class OrganisationViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations the user may see: those working in their areas or that they belong to."""

    serializer_class = OrganisationSerializer
    pagination_class = StandardPagination
    filterset_class = OrganisationFilter

    def get_queryset(self) -> QuerySet[Organisation]:
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        qs = Organisation.objects.order_by("name_en", "id")
        return for_user(self.request.user, Perm.VIEW_ORGANISATION, qs)
