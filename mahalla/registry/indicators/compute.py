"""Counting an area's indicators: a few GROUP BY queries, then sums in Python over groups
(never over households one by one)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area
from mahalla.registry import selectors
from mahalla.registry.indicators import change, deprivations
from mahalla.registry.indicators.tables import Row, Table
from mahalla.registry.models import Household, Member, SettlementProfile, Value, ValueList

NARROW_ROAD = Decimal("2.00")  # metres: narrower than a fire engine or an ambulance needs
PROFILE_CODES = (
    "tenure_situation", "land_owner_type", "eviction_threat", "water", "electricity",
    "drainage", "toilets", "solid_waste",
)  # fmt: skip
NOT_SURVEYED = "__none__"


@dataclass
class Indicators:
    area: Area
    tables: list[Table] = field(default_factory=list)
    communities: int = 0
    households: int = 0
    people: int = 0
    slum_share: float | None = None
    by_child: dict[int, dict[str, Any]] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _names(list_name: str) -> dict[str, Any]:
    return {v.code: v.name for v in Value.objects.filter(list=list_name)}


def _child_id(path: str, depth: int) -> int | None:
    parts = path.strip("/").split("/")
    return int(parts[depth + 1]) if len(parts) > depth + 1 else None


def _by_value(
    key: str, title: Any, counts: Counter, households: Counter, list_name: str, columns=None
) -> Table:
    names = _names(list_name)
    order = list(Value.objects.filter(list=list_name).values_list("code", flat=True))
    rows = [
        Row(names.get(code, code), [counts[code], households[code]], key=code)
        for code in [*order, *(c for c in counts if c not in order and c != NOT_SURVEYED)]
        if counts[code]
    ]
    if counts[NOT_SURVEYED]:
        rows.append(Row(_("not surveyed"), [counts[NOT_SURVEYED], None], key=NOT_SURVEYED))
    return Table(key, title, columns or [_("communities"), _("households (profiles)")], rows)


def compute(*, user: Any, area: Area, **filters: Any) -> Indicators:
    """The indicators of `area` as `user` may see them, for communities matching `filters`
    (the community list's filters: tenure, land owner, eviction threat, hazard,
    registration, survey round)."""
    result = Indicators(area=area)
    filtered = any(value not in (None, "") for value in filters.values())
    communities = list(
        selectors.settlement_list(user=user, within=area, **filters)
        .order_by()
        .values_list("pk", "path", "registration", "profile_id")
    )
    result.communities = len(communities)
    children = {
        child.pk: {"area": child, "communities": 0, "households": 0, "people": 0,
                   "no_tenure": 0, "eviction": 0, "slum": 0, "measured": 0}
        for child in Area.objects.filter(parent=area).select_related("level")
    }  # fmt: skip
    profile_ids = [p for *_rest, p in communities if p]
    profiles = {}
    columns = ("pk", "area_id", "households", "access_road_width")
    for row in SettlementProfile.objects.filter(pk__in=profile_ids).values_list(
        *columns, *(f"{name}__code" for name in PROFILE_CODES)
    ):
        profiles[row[0]] = dict(zip((*columns, *PROFILE_CODES), row, strict=True))
    hazards = defaultdict(set)
    through = SettlementProfile.hazards.through.objects.filter(settlementprofile_id__in=profiles)
    for profile_id, code in through.values_list("settlementprofile_id", "value__code"):
        hazards[profile_id].add(code)
    latest_by_area = {row["area_id"]: row for row in profiles.values()}

    counts = {
        name: Counter() for name in ("tenure_situation", "land_owner_type", "eviction_threat")
    }
    weights = {name: Counter() for name in counts}
    registration, registration_households = Counter(), Counter()
    gaps, hazard_counts = Counter(), Counter()
    for _pk, path, registered, profile_id in communities:
        profile = profiles.get(profile_id)
        size = (profile or {}).get("households") or 0
        registration[registered or "unknown"] += 1
        registration_households[registered or "unknown"] += size
        child = children.get(_child_id(path, area.depth))
        if child is not None:
            child["communities"] += 1
        for name in counts:
            code = (profile or {}).get(name) or NOT_SURVEYED
            counts[name][code] += 1
            weights[name][code] += size
        if profile is None:
            continue
        if child is not None:
            child["no_tenure"] += profile["tenure_situation"] == "none"
            child["eviction"] += profile["eviction_threat"] == "notice"
        for name in ("water", "electricity", "drainage", "toilets"):
            if profile[name] == "none":
                gaps[f"{name}_none"] += 1
            elif profile[name] == "some":
                gaps[f"{name}_some"] += 1
        if profile["solid_waste"] == "none":
            gaps["waste_none"] += 1
        width = profile["access_road_width"]
        if width is not None and width < NARROW_ROAD:
            gaps["narrow_road"] += 1
        for code in hazards.get(profile_id, ()):
            hazard_counts[code] += 1

    result.tables += [
        _by_value("tenure", _("Communities by tenure situation"), counts["tenure_situation"],
                  weights["tenure_situation"], ValueList.TENURE_SITUATION),
        _by_value("land_owner", _("Communities by land owner"), counts["land_owner_type"],
                  weights["land_owner_type"], ValueList.LAND_OWNER_TYPE),
        Table("registration", _("Communities by registration"),
              [_("communities"), _("households (profiles)")],
              [Row(label, [registration[code], registration_households[code]], key=code)
               for code, label in (*Area.Registration.choices, ("unknown", _("not recorded")))
               if registration[code]]),
        _by_value("eviction", _("Communities by eviction threat"), counts["eviction_threat"],
                  weights["eviction_threat"], ValueList.EVICTION_THREAT),
    ]  # fmt: skip
    hazard_names = _names(ValueList.HAZARD)
    result.tables.append(
        Table("hazards", _("Communities facing a hazard"), [_("communities")],
              [Row(hazard_names.get(c, c), [n], key=c) for c, n in hazard_counts.most_common()])
    )  # fmt: skip
    gap_rows = (
        ("water_none", _("no piped water")), ("water_some", _("piped water for some households")),
        ("electricity_none", _("no electricity")), ("drainage_none", _("no drainage")),
        ("toilets_none", _("no toilets")), ("toilets_some", _("toilets for some households")),
        ("waste_none", _("solid waste not collected")),
        ("narrow_road", _("main access narrower than 2 m")),
    )  # fmt: skip
    result.tables.append(
        Table("gaps", _("Infrastructure gaps"), [_("communities")],
              [Row(label, [gaps[key]], key=key) for key, label in gap_rows])
    )  # fmt: skip
    _households(result, user, area, communities if filtered else None, latest_by_area, children)
    rounds = change.rounds_table(user=user, area=area)
    if rounds is not None:
        result.tables.append(rounds)
    result.by_child = {pk: c for pk, c in children.items() if c["communities"] or c["households"]}
    return result


def _households(result, user, area, communities, latest_by_area, children) -> None:
    households = Household.objects.filter(
        is_deleted=False, merged_into__isnull=True, area__path__startswith=area.path
    )
    households = for_user(user, Perm.VIEW_REGISTRY, households)
    if communities is not None:
        households = households.filter(area_id__in=[pk for pk, *_rest in communities])
    groups = list(
        households.values("area_id", "area__path", "tenure__code", "income_band__code",
                          "house_condition__code")
        .annotate(n=Count("pk"), people=Sum("member_count"))
        .order_by()
    )  # fmt: skip
    tenure, income = Counter(), Counter()
    lacking, slum, total, people = Counter(), 0, 0, 0
    for group in groups:
        n, persons = group["n"], group["people"] or 0
        total += n
        people += persons
        tenure[group["tenure__code"] or NOT_SURVEYED] += n
        income[group["income_band__code"] or NOT_SURVEYED] += n
        profile = latest_by_area.get(group["area_id"]) or {}
        missing = deprivations.household_deprivations(
            water=profile.get("water") or "",
            toilets=profile.get("toilets") or "",
            condition=group["house_condition__code"] or "",
            tenure=group["tenure__code"] or "",
        )
        for name in missing:
            lacking[name] += n
        slum += n if missing else 0
        child = children.get(_child_id(group["area__path"], area.depth))
        if child is not None:
            child["households"] += n
            child["people"] += persons
            child["slum"] += n if missing else 0
            child["measured"] += n
    result.households, result.people = total, people
    result.slum_share = slum / total if total else None
    members = Member.objects.filter(household__in=households, is_deleted=False)
    vulnerable = members.aggregate(
        elderly=Count("pk", filter=Q(age__gte=selectors.ELDERLY_AGE)),
        elderly_alone=Count("pk", filter=Q(elderly_alone=True)),
        disability=Count("pk", filter=Q(disability=True)),
        chronic_illness=Count("pk", filter=Q(chronic_illness=True)),
        child=Count("pk", filter=Q(age__lt=selectors.CHILD_AGE)),
    )
    any_member = Member.objects.filter(household=OuterRef("pk"), is_deleted=False).filter(
        Q(age__gte=selectors.ELDERLY_AGE) | Q(elderly_alone=True) | Q(disability=True)
        | Q(chronic_illness=True) | Q(age__lt=selectors.CHILD_AGE)
    )  # fmt: skip
    with_vulnerable = households.filter(Exists(any_member)).count()
    labels = {
        "elderly": _("people aged 60 or more"),
        "elderly_alone": _("elderly people living alone"),
        "disability": _("people with a disability"),
        "chronic_illness": _("people with a chronic illness"),
        "child": _("children under 5"),
    }
    average = round(people / total, 1) if total else None
    result.tables += [
        Table("people", _("Households and people"), [_("number")], [
            Row(_("households"), [total], key="households"),
            Row(_("people"), [people], key="people"),
            Row(_("people per household"), [average], key="average"),
        ]),
        Table("vulnerable", _("Vulnerable groups"), [_("people")],
              [*(Row(labels[k], [vulnerable[k]], key=k) for k in labels),
               Row(_("households with at least one of them"), [with_vulnerable],
                   key="households")]),
        _by_value("household_tenure", _("Households by tenure"), tenure, Counter(),
                  ValueList.TENURE_TYPE, [_("households")]),
        _by_value("income", _("Households by monthly income"), income, Counter(),
                  ValueList.INCOME_BAND, [_("households")]),
    ]  # fmt: skip
    for table in result.tables[-2:]:
        for row in table.rows:
            row.values = row.values[:1]
    share = lambda n: round(100 * n / total, 1) if total else None  # noqa: E731
    rows = [
        Row(label, [lacking[key] if key != "living_area" else None,
                    share(lacking[key]) if key != "living_area" else None], key=key)
        for key, label in deprivations.LABELS.items()
    ]  # fmt: skip
    rows.append(Row(_("slum households (lacking one or more)"), [slum, share(slum)], key="slum"))
    result.tables.append(
        Table("deprivations", _("Household deprivations (UN-Habitat, SDG 11.1.1)"),
              [_("households"), _("share of households (%)")], rows,
              note=deprivations.NOTE)
    )  # fmt: skip
