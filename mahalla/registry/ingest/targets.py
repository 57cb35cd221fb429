"""The registry fields a form's question can fill, what kind of answer each takes, and the
default forms' mappings (by question name: paths are read from the form when it is mapped).

Kinds: `text`, `int`, `decimal`, `bool` (yes/no), `date`, `point` (a geopoint),
`value:<list>` (a select_one whose choice names are the list's codes) and `values:<list>`
(a select_multiple). A member's field ("member.age") names a question inside a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mahalla.registry.models import FormMapping, ValueList
from mahalla.surveys import registry_hook

MEMBER = "member."


@dataclass(frozen=True)
class Target:
    key: str
    kind: str
    label: object

    @property
    def list(self) -> str:
        return self.kind.split(":", 1)[1] if ":" in self.kind else ""

    @property
    def is_member(self) -> bool:
        return self.key.startswith(MEMBER)

    @property
    def attribute(self) -> str:
        return self.key.removeprefix(MEMBER)


def _t(key: str, kind: str, label: object) -> Target:
    return Target(key, kind, label)


SETTLEMENT = (
    _t("observed_on", "date", _("surveyed on")),
    _t("location", "point", _("location")),
    _t("land_owner_type", f"value:{ValueList.LAND_OWNER_TYPE}", _("land owner")),
    _t("tenure_situation", f"value:{ValueList.TENURE_SITUATION}", _("tenure situation")),
    _t("eviction_threat", f"value:{ValueList.EVICTION_THREAT}", _("eviction threat")),
    _t("houses", "int", _("houses")),
    _t("households", "int", _("households")),
    _t("population", "int", _("population")),
    _t("water", f"value:{ValueList.SERVICE_ACCESS}", _("piped water")),
    _t("electricity", f"value:{ValueList.SERVICE_ACCESS}", _("electricity")),
    _t("drainage", f"value:{ValueList.SERVICE_ACCESS}", _("drainage")),
    _t("toilets", f"value:{ValueList.SERVICE_ACCESS}", _("toilets")),
    _t("access_road_width", "decimal", _("access road width (m)")),
    _t("solid_waste", f"value:{ValueList.SOLID_WASTE}", _("solid waste collection")),
    _t("hazards", f"values:{ValueList.HAZARD}", _("hazards")),
    _t("services", f"values:{ValueList.SERVICE}", _("services nearby")),
    _t("has_community_organisation", "bool", _("community organisation")),
    _t("has_savings_group", "bool", _("savings group")),
    _t("notes", "text", _("notes")),
)

HOUSEHOLD = (
    # A follow-up form names the household it updates (a choice of `households.csv`).
    _t("household_ref", "ref", _("household to update")),
    _t("observed_on", "date", _("surveyed on")),
    _t("location", "point", _("location")),
    _t("house_number", "text", _("house number")),
    _t("head_name", "text", _("head of household")),
    _t("income_band", f"value:{ValueList.INCOME_BAND}", _("monthly income")),
    _t("house_condition", f"value:{ValueList.HOUSE_CONDITION}", _("condition of the house")),
    _t("tenure", f"value:{ValueList.TENURE_TYPE}", _("tenure")),
    _t("savings_member", "bool", _("savings group member")),
    _t("member.name", "text", _("member: name")),
    _t("member.age", "int", _("member: age")),
    _t("member.sex", f"value:{ValueList.SEX}", _("member: sex")),
    _t("member.disability", "bool", _("member: disability")),
    _t("member.chronic_illness", "bool", _("member: chronic illness")),
    _t("member.elderly_alone", "bool", _("member: elderly person living alone")),
    _t("member.occupation", f"value:{ValueList.OCCUPATION}", _("member: occupation")),
)

TARGETS: dict[str, dict[str, Target]] = {
    FormMapping.Target.SETTLEMENT: {t.key: t for t in SETTLEMENT},
    FormMapping.Target.HOUSEHOLD: {t.key: t for t in HOUSEHOLD},
}

# Which question types can fill which kind of field.
ACCEPTS: dict[str, frozenset[str]] = {
    "text": frozenset({"text", "barcode", "calculate", "integer", "select one"}),
    "int": frozenset({"integer", "calculate", "range"}),
    "decimal": frozenset({"decimal", "integer", "calculate", "range"}),
    "bool": frozenset({"select one", "acknowledge", "calculate"}),
    "date": frozenset({"date", "today", "start", "end", "datetime"}),
    "point": frozenset({"geopoint", "start-geopoint"}),
    "value": frozenset({"select one", "select one from file"}),
    "values": frozenset({"select all that apply", "select all that apply from file"}),
    "ref": frozenset({"select one from file", "select one", "text", "barcode"}),
}


def accepts(target: Target, question_type: str) -> bool:
    return question_type in ACCEPTS[target.kind.split(":", 1)[0]]


FOLLOW_UP = "household_update"

# The default forms' mappings: registry field → question name.
DEFAULTS: dict[str, tuple[str, dict[str, str]]] = {
    registry_hook.COMMUNITY_PROFILE: (
        FormMapping.Target.SETTLEMENT,
        {
            "observed_on": "today",
            "location": "location",
            "land_owner_type": "land_owner_type",
            "tenure_situation": "tenure_situation",
            "eviction_threat": "eviction_threat",
            "houses": "houses",
            "households": "households",
            "population": "population",
            "water": "water",
            "electricity": "electricity",
            "drainage": "drainage",
            "toilets": "toilets",
            "access_road_width": "access_road_width",
            "solid_waste": "solid_waste",
            "hazards": "hazards",
            "services": "services",
            "has_community_organisation": "community_organisation",
            "has_savings_group": "savings_group",
            "notes": "notes",
        },
    ),
    registry_hook.HOUSEHOLD_SURVEY: (
        FormMapping.Target.HOUSEHOLD,
        {
            "observed_on": "today",
            "location": "location",
            "house_number": "house_number",
            "head_name": "head_name",
            "income_band": "income_band",
            "house_condition": "house_condition",
            "tenure": "tenure",
            "savings_member": "savings_member",
            "member.name": "member_name",
            "member.age": "age",
            "member.sex": "sex",
            "member.disability": "disability",
            "member.chronic_illness": "chronic_illness",
            "member.elderly_alone": "elderly_alone",
            "member.occupation": "occupation",
        },
    ),
    FOLLOW_UP: (
        FormMapping.Target.HOUSEHOLD,
        {
            "household_ref": "household",
            "head_name": "head_name",
            "income_band": "income_band",
            "house_condition": "house_condition",
            "tenure": "tenure",
            "savings_member": "savings_member",
        },
    ),
}
