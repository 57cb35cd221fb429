"""Read-only API of the registry: value lists, settlement profiles and households (spatial
units and tenure relationships are in `api_tenure`).

Profiles are read with VIEW_REGISTRY. Households too, but their personal fields (the head's
and members' names, the house number and location) are given only where the reader also
holds VIEW_PERSONAL_DATA, and every response that carries them is written to the access log
with how many households it held.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, IdFilter, StandardPagination
from mahalla.core.audit import access_log_record
from mahalla.core.models import AccessLog
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, user_scope
from mahalla.places.models import Area
from mahalla.registry.models import Household, Member, SettlementProfile, Value, ValueList
from mahalla.registry.selectors import PROFILE_RELATED, VULNERABILITIES, vulnerable_q

PERSONAL = ("head_name", "house_number", "longitude", "latitude")


def blank_unless_personal(data: dict, fields: tuple[str, ...]) -> dict:
    """A serialized row with its personal `fields` nulled unless its `personal` says so."""
    if not data["personal"]:
        for name in fields:
            data[name] = None
    return data


class Code(serializers.SlugRelatedField):
    """A value as its code (the XLSForm choice name); names come from /registry-values/."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", read_only=True, **kwargs)


class ValueSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")

    class Meta:
        model = Value
        fields = ["id", "list", "code", "name", "name_en", "name_th", "name_fa", "rank", "active"]
        read_only_fields = fields


class ValueFilter(django_filters.FilterSet):
    list = django_filters.ChoiceFilter(choices=ValueList.choices)

    class Meta:
        model = Value
        fields = ["list"]


class ValueViewSet(viewsets.ReadOnlyModelViewSet):
    """The registry's value lists (land owner types, tenure types, hazards…)."""

    serializer_class = ValueSerializer
    pagination_class = StandardPagination
    filterset_class = ValueFilter

    def get_queryset(self) -> QuerySet[Value]:
        if getattr(self, "swagger_fake_view", False):
            return Value.objects.none()
        if user_scope(self.request.user, Perm.VIEW_REGISTRY).is_empty:
            return Value.objects.none()
        return Value.objects.order_by("list", "rank", "code", "pk")


class ProfileSerializer(serializers.ModelSerializer):
    land_owner_type = Code()
    tenure_situation = Code()
    eviction_threat = Code()
    water = Code()
    electricity = Code()
    drainage = Code()
    toilets = Code()
    solid_waste = Code()
    hazards = Code(many=True)
    services = Code(many=True)
    area = serializers.IntegerField(source="area_id", read_only=True)
    campaign = serializers.IntegerField(source="campaign_id", read_only=True, allow_null=True)
    source_submission = serializers.IntegerField(
        source="source_submission_id", read_only=True, allow_null=True
    )
    provenance = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Registry field → id of the submission version that gave its value.",
    )

    class Meta:
        model = SettlementProfile
        fields = [
            "id", "area", "campaign", "observed_on", "land_owner_type", "tenure_situation",
            "eviction_threat", "houses", "households", "population", "water", "electricity",
            "drainage", "toilets", "access_road_width", "solid_waste", "hazards", "services",
            "has_community_organisation", "has_savings_group", "notes", "source_submission",
            "provenance",
        ]  # fmt: skip
        read_only_fields = fields


def _within(request, queryset: QuerySet, value: int, path_field: str) -> QuerySet:
    # The root is looked up in scope too, so its path cannot leak through this filter.
    user = getattr(request, "user", None)
    root = for_user(user, Perm.VIEW_AREA, Area.objects.filter(pk=value)).first()
    if root is None:
        return queryset.none()
    return queryset.filter(**{f"{path_field}__startswith": root.path})


class ProfileFilter(django_filters.FilterSet):
    area = IdFilter(field_name="area_id", label="Community id")
    within = IdFilter(method="filter_within", label="Area id: profiles of communities beneath")
    campaign = IdFilter(field_name="campaign_id", label="Survey round (campaign id)")
    tenure_situation = django_filters.CharFilter(field_name="tenure_situation__code")
    land_owner_type = django_filters.CharFilter(field_name="land_owner_type__code")
    eviction_threat = django_filters.CharFilter(field_name="eviction_threat__code")
    hazard = django_filters.CharFilter(field_name="hazards__code", distinct=True)

    class Meta:
        model = SettlementProfile
        fields = ["area", "campaign"]

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return _within(self.request, queryset, value, "area__path")


class SettlementProfileViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Settlement profiles (every survey round of every community) in the user's scope."""

    serializer_class = ProfileSerializer
    pagination_class = StandardPagination
    filterset_class = ProfileFilter

    def get_queryset(self) -> QuerySet[SettlementProfile]:
        if getattr(self, "swagger_fake_view", False):
            return SettlementProfile.objects.none()
        profiles = (
            SettlementProfile.objects.filter(is_deleted=False)
            .select_related(*PROFILE_RELATED)
            .prefetch_related("hazards", "services")
            .order_by("area_id", "-observed_on", "-pk")
        )
        return for_user(self.request.user, Perm.VIEW_REGISTRY, profiles)


class MemberSerializer(serializers.ModelSerializer):
    sex = Code()
    occupation = Code()
    name = serializers.SerializerMethodField(help_text="Only with the personal-data right.")

    class Meta:
        model = Member
        fields = [
            "position", "name", "age", "sex", "disability", "chronic_illness",
            "elderly_alone", "occupation",
        ]  # fmt: skip
        read_only_fields = fields

    def get_name(self, member: Member) -> str | None:
        return member.name if self.context.get("personal", {}).get(member.household_id) else None


class HouseholdSerializer(serializers.ModelSerializer):
    income_band = Code()
    house_condition = Code()
    tenure = Code()
    area = serializers.IntegerField(source="area_id", read_only=True)
    campaign = serializers.IntegerField(source="campaign_id", read_only=True, allow_null=True)
    members = MemberSerializer(many=True, read_only=True)
    personal = serializers.SerializerMethodField(
        help_text="Whether the personal fields are given (the reader's right in this area)."
    )
    source_submission = serializers.IntegerField(
        source="source_submission_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Household
        fields = [
            "id", "area", "campaign", "observed_on", "personal", "head_name", "house_number",
            "longitude", "latitude", "income_band", "house_condition", "tenure",
            "savings_member", "member_count", "members", "source_submission",
        ]  # fmt: skip
        read_only_fields = fields

    def get_personal(self, household: Household) -> bool:
        return bool(self.context.get("personal", {}).get(household.pk))

    def to_representation(self, household: Household) -> dict:
        return blank_unless_personal(super().to_representation(household), PERSONAL)


class HouseholdFilter(django_filters.FilterSet):
    area = IdFilter(field_name="area_id", label="Community id")
    within = IdFilter(method="filter_within", label="Area id: households of communities beneath")
    campaign = IdFilter(field_name="campaign_id", label="Survey round (campaign id)")
    tenure = django_filters.CharFilter(field_name="tenure__code")
    income_band = django_filters.CharFilter(field_name="income_band__code")
    vulnerability = django_filters.ChoiceFilter(
        choices=[(v, v) for v in VULNERABILITIES], method="filter_vulnerability"
    )

    class Meta:
        model = Household
        fields = ["area", "campaign"]

    def filter_within(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return _within(self.request, queryset, value, "area__path")

    def filter_vulnerability(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(vulnerable_q(value))


class PersonalViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only resource whose rows carry personal fields: the serializer blanks them
    where the reader lacks the personal-data right in the row's area (`context["personal"]`,
    row id → bool), and every response that gives some is written to the access log."""

    log_type = ""  # "app_label.model" of the access log entries
    area_path = "area.path"  # where a row's area path is, through the selected relations

    def _personal(self, rows: list) -> dict[int, bool]:
        scope = user_scope(self.request.user, Perm.VIEW_PERSONAL_DATA)
        path_of = attrgetter(self.area_path)
        return {row.pk: scope.covers_path(path_of(row)) for row in rows}

    def _log(self, personal: dict[int, bool], obj: Any = None) -> None:
        shown = sum(personal.values())
        if not shown:
            return
        searched = any(key != "page" for key in self.request.query_params)
        access_log_record(
            user=self.request.user,
            action=AccessLog.Action.SEARCH if searched else AccessLog.Action.VIEW,
            obj=obj,
            object_type="" if obj else self.log_type,
            detail=f"API {self.request.get_full_path()}",
            rows=shown,
            request=self.request,
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = list(self.paginate_queryset(queryset))
        personal = self._personal(page)
        self._log(personal)
        context = {**self.get_serializer_context(), "personal": personal}
        data = self.get_serializer_class()(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        row = self.get_object()
        personal = self._personal([row])
        self._log(personal, row)
        context = {**self.get_serializer_context(), "personal": personal}
        return Response(self.get_serializer_class()(row, context=context).data)


class HouseholdViewSet(PersonalViewSet):
    """Households in the user's registry scope. Personal fields are null where the reader
    lacks the personal-data right; where they are given, the response is logged."""

    serializer_class = HouseholdSerializer
    pagination_class = StandardPagination
    filterset_class = HouseholdFilter
    log_type = "registry.household"

    def get_queryset(self) -> QuerySet[Household]:
        if getattr(self, "swagger_fake_view", False):
            return Household.objects.none()
        members = Member.objects.filter(is_deleted=False).select_related("sex", "occupation")
        households = (
            Household.objects.filter(is_deleted=False, merged_into__isnull=True)
            .select_related("area", "income_band", "house_condition", "tenure")
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("area_id", "pk")
        )
        return for_user(self.request.user, Perm.VIEW_REGISTRY, households)
