"""The one call an approved submission makes into the registry.

Each form may name a registry mapping (`Form.registry_mapping`). Approving a submission calls
`on_approved`, which hands it to the function registered under that name. The registry app
(next capability) registers its mappings; until then no mapping is registered and approval
changes nothing outside the survey. Mapping functions must be idempotent: a submission may be
approved again after an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mahalla.surveys.models import Submission

Mapping = Callable[["Submission"], None]
_MAPPINGS: dict[str, Mapping] = {}

# The two default forms' mapping keys (the registry app will register these).
COMMUNITY_PROFILE = "community_profile"
HOUSEHOLD_SURVEY = "household_survey"


def register_mapping(key: str, mapping: Mapping) -> None:
    _MAPPINGS[key] = mapping


def unregister_mapping(key: str) -> None:
    _MAPPINGS.pop(key, None)


def on_approved(submission: Submission) -> bool:
    """Run the form's mapping; False when the form has none (nothing to do yet)."""
    mapping = _MAPPINGS.get(submission.form.registry_mapping)
    if mapping is None:
        return False
    mapping(submission)
    return True
