"""Read-only API of the LADM side of the registry: spatial units (a community's own boundary,
parcels, structures) and tenure relationships with their evidence documents.

Read with VIEW_REGISTRY in scope. Where a structure or parcel is a household's house, its
label and position are personal, and so are the names of documents (they often carry a
person's name): they are given only with VIEW_PERSONAL_DATA in the area, and every response
that gives them is written to the access log, as for households.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from rest_framework import serializers

from mahalla.core.api import IdFilter, StandardPagination
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.registry.api import Code, PersonalViewSet, _within, blank_unless_personal
from mahalla.registry.models import EvidenceDocument, SpatialUnit, TenureRelationship

UNIT_PERSONAL = ("label", "longitude", "latitude", "geometry")


def _personal(serializer: serializers.Serializer, pk: int) -> bool:
    return bool(serializer.context.get("personal", {}).get(pk))


class SpatialUnitSerializer(serializers.ModelSerializer):
    area = serializers.IntegerField(source="area_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    personal = serializers.SerializerMethodField(
        help_text="Whether label and position are given (the reader's right in this area)."
    )

    class Meta:
        model = SpatialUnit
        fields = ["id", "kind", "area", "parent", "personal", *UNIT_PERSONAL]
        read_only_fields = fields

    def get_personal(self, unit: SpatialUnit) -> bool:
        # A community's own unit is the community's boundary: nothing personal about it.
        return unit.kind == SpatialUnit.Kind.COMMUNITY or _personal(self, unit.pk)

    def to_representation(self, unit: SpatialUnit) -> dict:
        return blank_unless_personal(super().to_representation(unit), UNIT_PERSONAL)


class UnitFilter(django_filters.FilterSet):
    area = IdFilter(field_name="area_id", label="Community id")
    within = IdFilter(method="filter_within", label="Area id: units of communities beneath")
    kind = django_filters.ChoiceFilter(choices=SpatialUnit.Kind.choices)

    class Meta:
        model = SpatialUnit
        fields = ["area", "kind"]

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return _within(self.request, queryset, value, "area__path")


class SpatialUnitViewSet(PersonalViewSet):
    """Spatial units (LADM) in the user's registry scope."""

    serializer_class = SpatialUnitSerializer
    pagination_class = StandardPagination
    filterset_class = UnitFilter
    log_type = "registry.spatialunit"

    def get_queryset(self) -> QuerySet[SpatialUnit]:
        if getattr(self, "swagger_fake_view", False):
            return SpatialUnit.objects.none()
        units = (
            SpatialUnit.objects.filter(is_deleted=False)
            .select_related("area")
            .order_by("area_id", "pk")
        )
        return for_user(self.request.user, Perm.VIEW_REGISTRY, units)

    def _personal(self, rows: list) -> dict[int, bool]:
        # Only a household's house is personal; a community's unit is not logged.
        found = super()._personal(rows)
        houses = {u.pk for u in rows if u.kind != SpatialUnit.Kind.COMMUNITY}
        return {pk: shown and pk in houses for pk, shown in found.items()}


class DocumentSerializer(serializers.ModelSerializer):
    kind = Code()
    name = serializers.SerializerMethodField(help_text="Only with the personal-data right.")
    download_url = serializers.SerializerMethodField(
        help_text="The file (a signed-in page; only with the personal-data right)."
    )

    class Meta:
        model = EvidenceDocument
        fields = ["id", "kind", "name", "size", "content_type", "sha256", "created_at",
                  "download_url"]  # fmt: skip
        read_only_fields = fields

    def _shown(self, document: EvidenceDocument) -> bool:
        return _personal(self, document.relationship_id)

    def get_name(self, document: EvidenceDocument) -> str | None:
        return document.name if self._shown(document) else None

    def get_download_url(self, document: EvidenceDocument) -> str | None:
        if not self._shown(document):
            return None
        return reverse("registry:evidence_download", kwargs={"pk": document.pk})


class RelationshipSerializer(serializers.ModelSerializer):
    spatial_unit = serializers.IntegerField(source="spatial_unit_id", read_only=True)
    household = serializers.IntegerField(source="household_id", read_only=True, allow_null=True)
    member = serializers.IntegerField(source="member_id", read_only=True, allow_null=True)
    organisation = serializers.IntegerField(
        source="organisation_id", read_only=True, allow_null=True
    )
    tenure_type = Code()
    documents = DocumentSerializer(many=True, read_only=True)
    personal = serializers.SerializerMethodField(
        help_text="Whether the documents' names and files are given."
    )
    source_submission = serializers.IntegerField(
        source="source_submission_id", read_only=True, allow_null=True
    )

    class Meta:
        model = TenureRelationship
        fields = [
            "id", "spatial_unit", "household", "member", "organisation", "tenure_type",
            "valid_from", "valid_to", "personal", "documents", "source_submission",
        ]  # fmt: skip
        read_only_fields = fields

    def get_personal(self, relationship: TenureRelationship) -> bool:
        return _personal(self, relationship.pk)


class RelationshipFilter(django_filters.FilterSet):
    household = IdFilter(field_name="household_id", label="Household id")
    spatial_unit = IdFilter(field_name="spatial_unit_id", label="Spatial unit id")
    within = IdFilter(method="filter_within", label="Area id: relationships beneath")
    tenure_type = django_filters.CharFilter(field_name="tenure_type__code")
    has_documents = django_filters.BooleanFilter(
        method="filter_has_documents", label="Only relationships with (or without) documents"
    )

    class Meta:
        model = TenureRelationship
        fields = ["household", "spatial_unit"]

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return _within(self.request, queryset, value, "spatial_unit__area__path")

    def filter_has_documents(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        with_documents = EvidenceDocument.objects.filter(removed_at__isnull=True).values(
            "relationship_id"
        )
        if value:
            return queryset.filter(pk__in=with_documents)
        return queryset.exclude(pk__in=with_documents)


class TenureRelationshipViewSet(PersonalViewSet):
    """Tenure relationships (LADM rights) with their evidence documents, in scope."""

    serializer_class = RelationshipSerializer
    pagination_class = StandardPagination
    filterset_class = RelationshipFilter
    log_type = "registry.tenurerelationship"
    area_path = "spatial_unit.area.path"

    def get_queryset(self) -> QuerySet[TenureRelationship]:
        if getattr(self, "swagger_fake_view", False):
            return TenureRelationship.objects.none()
        relationships = (
            TenureRelationship.objects.filter(is_deleted=False)
            .select_related("tenure_type", "spatial_unit__area")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=EvidenceDocument.objects.filter(removed_at__isnull=True)
                    .select_related("kind")
                    .order_by("created_at", "pk"),
                )
            )
            .order_by("spatial_unit_id", "pk")
        )
        return for_user(self.request.user, Perm.VIEW_REGISTRY, relationships)

    def _personal(self, rows: list) -> dict[int, bool]:
        # Logged only when a document's name or file is given.
        found = super()._personal(rows)
        with_documents = {r.pk for r in rows if r.documents.all()}
        return {pk: shown and pk in with_documents for pk, shown in found.items()}
