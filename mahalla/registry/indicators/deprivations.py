"""UN-Habitat's five household deprivations, as far as the default surveys measure them.

- water: the household's community has no piped water (the community profile's answer:
  a community-level proxy, as the household survey does not ask it);
- sanitation: the community has no toilets;
- durable housing: the house is dilapidated;
- sufficient living area: not collected (the surveys do not ask the number of rooms), so it
  is shown as unknown and left out of the slum count;
- security of tenure: the household occupies without documented rights.

A slum household (SDG 11.1.1) lacks one or more of the measured ones.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_ACCESS = "none"
NOT_DURABLE = "dilapidated"
INSECURE_TENURE = ("occupant",)

NOTE = _(
    "Water and sanitation are read from the community's profile; living area is not asked by "
    "the surveys and is left out. A slum household lacks one or more of the others."
)

LABELS = {
    "water": _("no improved water (community has no piped water)"),
    "sanitation": _("no improved sanitation (community has no toilets)"),
    "durable": _("house not durable (dilapidated)"),
    "living_area": _("not enough living area (not collected)"),
    "tenure": _("no security of tenure (no documented rights)"),
}


def household_deprivations(*, water: str, toilets: str, condition: str, tenure: str) -> set[str]:
    """The measured deprivations of one household, from its and its community's codes."""
    lacking = set()
    if water == NO_ACCESS:
        lacking.add("water")
    if toilets == NO_ACCESS:
        lacking.add("sanitation")
    if condition == NOT_DURABLE:
        lacking.add("durable")
    if tenure in INSECURE_TENURE:
        lacking.add("tenure")
    return lacking
