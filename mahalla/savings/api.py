"""API of savings: groups and loans (read, in scope), and the meeting's entries (write),
the same keyed entries as the offline meeting screen: 201 posted, 200 already posted with
this key, 409 the key was used for another entry, 400 refused with the reasons."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from mahalla.core.api import BoundedLookupMixin, StandardPagination
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.savings import selectors
from mahalla.savings.models import GroupMeeting, Loan, SavingsGroup
from mahalla.savings.services import meetings


class SavingsGroupSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    area = serializers.IntegerField(source="organisation.area_id", read_only=True)

    class Meta:
        model = SavingsGroup
        fields = ["id", "name", "organisation", "area", "currency", "fiscal_calendar",
                  "fiscal_year_start_month", "time_zone", "closed_through"]  # fmt: skip
        read_only_fields = fields


class SavingsGroupViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Savings groups in the reader's scope."""

    serializer_class = SavingsGroupSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[SavingsGroup]:
        if getattr(self, "swagger_fake_view", False):
            return SavingsGroup.objects.none()
        return selectors.groups(self.request.user).select_related("organisation").order_by("pk")


class SavingsLoanSerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id", read_only=True)
    member = serializers.IntegerField(source="member_id", read_only=True, allow_null=True)
    product = serializers.IntegerField(source="product_id", read_only=True)
    lender = serializers.IntegerField(source="lender_id", read_only=True, allow_null=True)
    funded_by = serializers.IntegerField(source="funded_by_id", read_only=True, allow_null=True)

    class Meta:
        model = Loan
        fields = ["id", "group", "member", "product", "lender", "funded_by", "principal",
                  "term_months", "status", "applied_on", "disbursed_on", "closed_on"]  # fmt: skip
        read_only_fields = fields


class LoanViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Loans of the groups in the reader's scope (amounts and status, no member names)."""

    serializer_class = SavingsLoanSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Loan]:
        if getattr(self, "swagger_fake_view", False):
            return Loan.objects.none()
        return for_user(self.request.user, Perm.VIEW_SAVINGS, Loan.objects.all()).order_by("pk")


class MeetingEntrySerializer(serializers.Serializer):
    key = serializers.CharField(max_length=64, help_text="Made by the client, e.g. a UUID.")
    type = serializers.ChoiceField(choices=meetings.ENTRY_TYPES)
    member = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    amount = serializers.CharField(max_length=30, required=False, allow_blank=True,
                                   help_text="In any digits: 100, ๑๐๐, ۱۰۰.")  # fmt: skip
    present = serializers.BooleanField(required=False)
    fine = serializers.CharField(max_length=16, required=False)
    benefit = serializers.CharField(max_length=16, required=False)
    device = serializers.CharField(max_length=80, required=False, allow_blank=True)


class MeetingEntryOutcomeSerializer(serializers.Serializer):
    key = serializers.CharField()
    status = serializers.ChoiceField(choices=["posted", "replayed", "conflict", "error"])
    errors = serializers.ListField(child=serializers.CharField())
    seq = serializers.IntegerField(allow_null=True)


class SavingsMeetingSerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id", read_only=True)

    class Meta:
        model = GroupMeeting
        fields = ["id", "group", "held_on", "status", "cash_expected", "cash_counted"]
        read_only_fields = fields


class GroupMeetingViewSet(BoundedLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings of the groups in the reader's scope; a treasurer posts entries to an open one."""

    serializer_class = SavingsMeetingSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[GroupMeeting]:
        if getattr(self, "swagger_fake_view", False):
            return GroupMeeting.objects.none()
        rows = for_user(self.request.user, Perm.VIEW_SAVINGS, GroupMeeting.objects.all())
        return rows.select_related("group").order_by("pk")

    @extend_schema(
        request=MeetingEntrySerializer,
        responses=dict.fromkeys((201, 200, 409, 400), MeetingEntryOutcomeSerializer),
    )
    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        meeting = self.get_object()
        if not selectors.may_record(request.user, meeting.group):
            raise PermissionDenied
        entry = MeetingEntrySerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        outcome = meetings.record_one(meeting, dict(entry.validated_data), by=request.user,
                                      device=entry.validated_data.get("device", "api"))  # fmt: skip
        status = {"posted": 201, "replayed": 200, "conflict": 409}.get(outcome.status, 400)
        return Response(outcome.as_dict(), status=status)
