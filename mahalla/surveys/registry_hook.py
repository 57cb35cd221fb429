"""The one call an approved submission makes into the registry.

Each form may name a registry mapping (`Form.registry_mapping`). Approving a submission calls
`on_approved`, which hands it to the function registered under that name, or else to the
default function: the registry app registers one that reads the form's field mapping (and
makes the default forms' mappings from these keys). Mapping functions must be idempotent: a
submission may be approved again after an edit. The survey app never imports the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mahalla.surveys.models import Submission

Mapping = Callable[["Submission"], None]
_MAPPINGS: dict[str, Mapping] = {}
_DEFAULT: list[Mapping] = []

# The two default forms' mapping keys (the registry app will register these).
COMMUNITY_PROFILE = "community_profile"
HOUSEHOLD_SURVEY = "household_survey"


def register_mapping(key: str, mapping: Mapping) -> None:
    _MAPPINGS[key] = mapping


def unregister_mapping(key: str) -> None:
    _MAPPINGS.pop(key, None)


def set_default(mapping: Mapping) -> None:
    _DEFAULT[:] = [mapping]


def on_approved(submission: Submission) -> bool:
    """Run the form's mapping; False when there is none (nothing to do)."""
    mapping = _MAPPINGS.get(submission.form.registry_mapping) or next(iter(_DEFAULT), None)
    if mapping is None:
        return False
    mapping(submission)
    return True
