"""Test helpers: the default forms on an area, and their submissions built from answers."""

from __future__ import annotations

from typing import Any

from mahalla.registry.answers_xml import answers_xml
from mahalla.surveys.forms.default_forms import build
from mahalla.surveys.models import FormVersion
from mahalla.surveys.testing import make_submission, new_instance_id

__all__ = ["answers_xml", "default_versions", "household_answers", "profile_answers", "submit"]


def default_versions(area, user=None) -> tuple[FormVersion, FormVersion]:
    """(community profile, household survey), published on `area`."""
    community, household = build.load(area=area, user=user)
    return community, household


def household_answers(**overrides: Any) -> dict[str, Any]:
    answers = {
        "location": "13.705 100.56 0 5",  # inside Lock 1-2-3 (lat lon)
        "head_name": "สมชาย ใจดี",
        "members": [
            {"member_name": "สมชาย ใจดี", "age": 67, "sex": "male", "disability": "no",
             "chronic_illness": "yes", "elderly_alone": "no", "occupation": "retired"},
            {"member_name": "มานี ใจดี", "age": 12, "sex": "female", "disability": "yes",
             "chronic_illness": "no"},
        ],
        "income_band": "low",
        "house_condition": "needs_repair",
        "tenure": "occupant",
        "savings_member": "yes",
    }  # fmt: skip
    answers.update(overrides)
    return answers


def profile_answers(**overrides: Any) -> dict[str, Any]:
    answers = {
        "community_name": "ล็อค 1-2-3",
        "location": "13.705 100.56 0 5",
        "land": {"land_owner_type": "state_agency", "tenure_situation": "none",
                 "eviction_threat": "notice"},
        "people": {"houses": 120, "households": 140, "population": 560},
        "infrastructure": {"water": "all", "electricity": "all", "drainage": "some",
                           "toilets": "all", "access_road_width": "2.5",
                           "solid_waste": "irregular"},
        "hazards": ["flood", "fire"],
        "services": ["school"],
        "community_organisation": "yes",
        "savings_group": "yes",
    }  # fmt: skip
    for key, value in overrides.items():
        for group in ("land", "people", "infrastructure"):
            if key in answers[group]:
                answers[group][key] = value
                break
        else:
            answers[key] = value
    return answers


def submit(version: FormVersion, answers: dict[str, Any], **kwargs: Any):
    instance_id = kwargs.pop("instance_id", "") or new_instance_id()
    xml = answers_xml(
        version, answers, instance_id=instance_id, deprecated_id=kwargs.pop("deprecated_id", "")
    )
    return make_submission(version, xml=xml, instance_id=instance_id, **kwargs)
