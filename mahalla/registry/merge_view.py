"""The side-by-side comparison of two households on the merge page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.registry.duplicates import FILLABLE
from mahalla.registry.models import Household

_LABELS = {
    "head_name": _("Head of household"),
    "house_number": _("House number"),
    "income_band": _("Monthly income"),
    "house_condition": _("Condition of the house"),
    "tenure": _("Tenure"),
    "savings_member": _("Savings group member"),
    "member_count": _("Members"),
    "observed_on": _("Surveyed on"),
}


def _shown(household: Household, name: str):
    value = getattr(household, name)
    if hasattr(value, "name"):
        return value.name
    return value


def merge_rows(kept: Household, merged: Household) -> list[dict]:
    """One row per compared field: both values, whether they differ, and whether the kept
    household's empty value will take the merged one's."""
    fillable = {name.removesuffix("_id") for name in FILLABLE}
    rows = []
    for name, label in _LABELS.items():
        ours, theirs = _shown(kept, name), _shown(merged, name)
        rows.append(
            {
                "label": label,
                "kept": ours,
                "merged": theirs,
                "differs": ours != theirs,
                "fills": name in fillable and ours in (None, "") and theirs not in (None, ""),
            }
        )
    return rows
