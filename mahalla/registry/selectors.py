"""Registry querysets for pages and the API, all through the one scoping function.

Settlement data (profiles, indicators) is read with VIEW_REGISTRY; households and members
are personal data and need VIEW_PERSONAL_DATA in the same scope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Replace

from mahalla.core.db import Bytewise
from mahalla.core.i18n.text import normalize_search
from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user, has_perm, user_scope
from mahalla.places.models import Area
from mahalla.places.selectors import _matching, by_name
from mahalla.registry.models import Household, Member, SettlementProfile

VULNERABILITIES = ("elderly", "elderly_alone", "disability", "chronic_illness", "child")
ELDERLY_AGE = 60
CHILD_AGE = 5

PROFILE_RELATED = (
    "land_owner_type", "tenure_situation", "eviction_threat", "water", "electricity",
    "drainage", "toilets", "solid_waste", "campaign", "source_submission",
)  # fmt: skip


def may_view_registry(user: Any) -> bool:
    return has_perm(user, Perm.VIEW_REGISTRY)


def may_view_households(user: Any) -> bool:
    return has_perm(user, Perm.VIEW_PERSONAL_DATA) and has_perm(user, Perm.VIEW_REGISTRY)


def visible_communities(user: Any) -> QuerySet:
    """Communities (areas of a community level) and any other area that has a settlement
    profile (in Tehran a neighbourhood is the surveyed unit), in the user's scope."""
    profiled = SettlementProfile.objects.filter(is_deleted=False).values("area_id")
    areas = Area.objects.filter(Q(level__is_community=True) | Q(pk__in=profiled))
    return for_user(user, Perm.VIEW_REGISTRY, areas)


def _latest(campaign: Any = None) -> QuerySet:
    profiles = SettlementProfile.objects.filter(area=OuterRef("pk"), is_deleted=False)
    if campaign is not None:
        profiles = profiles.filter(campaign=campaign)
    return profiles.order_by("-observed_on", "-pk").values("pk")[:1]


def settlement_list(
    *,
    user: Any,
    q: str = "",
    within: Area | None = None,
    registration: str = "",
    campaign: Any = None,
    tenure_situation: Any = None,
    land_owner_type: Any = None,
    eviction_threat: Any = None,
    hazard: Any = None,
) -> QuerySet:
    """Communities in scope, each with `profile_id`, its latest profile (of the round when
    one is chosen); profile filters keep only communities whose latest profile matches."""
    communities = _matching(visible_communities(user), q)
    if within is not None:
        communities = communities.filter(path__startswith=within.path)
    if registration:
        communities = communities.filter(registration=registration)
    communities = communities.annotate(profile_id=Subquery(_latest(campaign)))
    wanted = Q()
    for name, value in (
        ("tenure_situation", tenure_situation),
        ("land_owner_type", land_owner_type),
        ("eviction_threat", eviction_threat),
        ("hazards", hazard),
    ):
        if value is not None:
            wanted &= Q(**{name: value})
    if wanted or campaign is not None:
        matching = SettlementProfile.objects.filter(wanted, is_deleted=False).values("pk")
        communities = communities.filter(profile_id__in=matching)
    return communities.select_related("level", "parent").order_by(*by_name())


def profiles_for(ids: list[int]) -> dict[int, SettlementProfile]:
    """The page's profiles by id, with their values and hazards, in two queries."""
    profiles = (
        SettlementProfile.objects.filter(pk__in=ids)
        .select_related(*PROFILE_RELATED)
        .prefetch_related("hazards")
    )
    return {p.pk: p for p in profiles}


def settlement_get(*, user: Any, pk: int) -> Area | None:
    return visible_communities(user).select_related("level", "parent").filter(pk=pk).first()


def settlement_profiles(area: Area) -> list[SettlementProfile]:
    """A community's profiles, newest first: its time series."""
    return list(
        SettlementProfile.objects.filter(area=area, is_deleted=False)
        .select_related(*PROFILE_RELATED)
        .prefetch_related("hazards", "services")
        .order_by("-observed_on", "-pk")
    )


def _personal(user: Any, households: QuerySet) -> QuerySet:
    """`households` narrowed to where the user holds both the registry and the personal-data
    right (nothing for someone without either)."""
    if not may_view_households(user):
        return households.none()
    households = for_user(user, Perm.VIEW_PERSONAL_DATA, households)
    registry = user_scope(user, Perm.VIEW_REGISTRY)
    if not registry.everything:
        households = households.filter(registry.area_q("area__path"))
    return households


def visible_households(user: Any) -> QuerySet:
    """Households whose personal data the user may see (not merged away, not deleted)."""
    return _personal(user, Household.objects.filter(is_deleted=False, merged_into__isnull=True))


def vulnerable_q(kind: str) -> Q:
    members = Member.objects.filter(household=OuterRef("pk"), is_deleted=False)
    condition = {
        "elderly": Q(age__gte=ELDERLY_AGE),
        "elderly_alone": Q(elderly_alone=True),
        "disability": Q(disability=True),
        "chronic_illness": Q(chronic_illness=True),
        "child": Q(age__lt=CHILD_AGE),
    }[kind]
    return Q(Exists(members.filter(condition)))


def household_list(
    *,
    user: Any,
    q: str = "",
    within: Area | None = None,
    community: Area | None = None,
    campaign: Any = None,
    tenure: Any = None,
    income_band: Any = None,
    vulnerability: str = "",
) -> QuerySet:
    households = visible_households(user)
    words = normalize_search(q).split()
    if words:
        packed = Replace("search_text", Value(" "), Value(""), output_field=TextField())
        households = households.annotate(_packed=packed)
        for word in words:
            households = households.filter(_packed__contains=word)
    if within is not None:
        households = households.filter(area__path__startswith=within.path)
    if community is not None:
        households = households.filter(area=community)
    for name, value in (("campaign", campaign), ("tenure", tenure), ("income_band", income_band)):
        if value is not None:
            households = households.filter(**{name: value})
    if vulnerability in VULNERABILITIES:
        households = households.filter(vulnerable_q(vulnerability))
    return households.select_related("area", "tenure", "income_band").order_by(
        Bytewise("area__path"), "head_name", "pk"
    )


def household_get(*, user: Any, pk: int, deleted: bool = False) -> Household | None:
    """A household in the user's personal-data scope; `deleted` also finds a deleted one
    (to restore it)."""
    households = Household.objects.filter(merged_into__isnull=True)
    if not deleted:
        households = households.filter(is_deleted=False)
    households = _personal(user, households)
    members = Member.objects.filter(is_deleted=False).select_related("sex", "occupation")
    return (
        households.select_related(
            "area",
            "area__level",
            "campaign",
            "tenure",
            "income_band",
            "house_condition",
            "source_submission",
        )  # fmt: skip
        .prefetch_related(Prefetch("members", queryset=members))
        .filter(pk=pk)
        .first()
    )
