"""A follow-up submission updates the household it names, instead of adding one.

Only the answers given change the household (an empty answer leaves its value), each with
the follow-up's version as its provenance; the household keeps the submission that made
it. The named household must still be in the registry and inside the follow-up's place
(its campaign's area, else its form's), so a phone cannot reach households of another
district by typing a choice name.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from mahalla.core.i18n.text import normalize_search
from mahalla.registry.follow_up import household_id
from mahalla.registry.ingest.apply import (
    _HOUSEHOLD_VALUES,
    Outcome,
    _assign,
    _fk,
    _members,
    _received_day,
    _save,
    _tenure,
)
from mahalla.registry.models import FormMapping, Household, TenureRelationship


def _bounds(submission) -> str:
    if submission.campaign_id and submission.campaign.area_id:
        return submission.campaign.area.path
    return submission.form.area.path if submission.form.area_id else ""


def _find(submission, ref, reader) -> Household | None:
    label = reader.targets["household_ref"].label
    if not ref:
        reader.problems.append(_("%(field)s: no household was chosen.") % {"field": label})
        return None
    pk = household_id(ref)
    household = (
        Household.objects.select_for_update().select_related("area").filter(pk=pk).first()
        if pk
        else None
    )
    while household is not None and household.merged_into_id:  # merged since the list
        household = Household.objects.select_related("area").get(pk=household.merged_into_id)
    if household is None or household.is_deleted:
        reader.problems.append(
            _("%(field)s: “%(value)s” is not a household of the registry any more.")
            % {"field": label, "value": ref}
        )
        return None
    if not household.area.path.startswith(_bounds(submission)):
        reader.problems.append(
            _("%(field)s: the household chosen is outside this survey's area.") % {"field": label}
        )
        return None
    return household


def update_household(submission, version, reader) -> Outcome:
    main = reader.main()
    ref = main.pop("household_ref", None)
    members = reader.members()
    household = _find(submission, ref, reader)
    reader.raise_problems()
    outcome = Outcome(target=FormMapping.Target.HOUSEHOLD)
    given = {key: value for key, value in main.items() if value not in (None, "", [])}
    point = given.pop("location", None)
    values = _fk(given, _HOUSEHOLD_VALUES)
    values["observed_on"] = given.get("observed_on") or _received_day(submission, version)
    if point:
        values["longitude"], values["latitude"] = point
    sourced = [*given, *(["location"] if point else [])]
    if members:
        values["member_count"] = len(members)
    head = values.get("head_name", household.head_name)
    names = [head, household.house_number, *(m.name for m in household.members.all())]
    values["search_text"] = normalize_search(" ".join(n for n in names if n))[:400]
    _save(household, submission, False, outcome, _assign(household, values, version.pk, sourced))
    outcome.records.append(household)
    if members:
        keys = [k for k in reader.sources if k.startswith("member.")]
        _members(household, members, submission, version, outcome, keys)
    tenure = given.get("tenure")
    if tenure is not None:
        relationship = (
            TenureRelationship.objects.filter(household=household, is_deleted=False)
            .order_by("-pk")
            .first()
        )
        if relationship is None:
            context = {
                "area_id": household.area_id,
                "house_number": household.house_number,
                "longitude": household.longitude,
                "latitude": household.latitude,
                "observed_on": values["observed_on"],
            }
            _tenure(household, context, tenure, submission, version, outcome)
        else:
            changed = _assign(relationship, {"tenure_type_id": tenure.pk}, version.pk, ["tenure"])
            _save(relationship, submission, False, outcome, changed)
    return outcome
