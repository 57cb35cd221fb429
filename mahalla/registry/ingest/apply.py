"""An approved submission becomes registry records, through its form's mapping.

Idempotent: records are found again by the submission that made them, and a field is written
only when its value changed, so approving the same submission again (after an edit, or by a
second request at the same moment) adds no row and no history entry twice. Everything is read
and checked before the first write; a problem raises `ValidationError` naming the field, and
the approval's transaction (`surveys.submissions.review`) is undone with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mahalla.core.i18n.text import normalize_search
from mahalla.core.i18n.timezones import reader_time_zone
from mahalla.places.models import Area
from mahalla.registry.ingest.convert import Problem, at, read, relative
from mahalla.registry.ingest.targets import TARGETS, Target
from mahalla.registry.mapping import ensure_default_mapping
from mahalla.registry.models import (
    FormMapping,
    Household,
    Member,
    SettlementProfile,
    SpatialUnit,
    TenureRelationship,
)
from mahalla.registry.values import ValueCache
from mahalla.surveys.models import Submission, SubmissionVersion

MAX_MEMBERS = 60


@dataclass
class Outcome:
    target: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    records: list[Any] = field(default_factory=list)


def _version(submission: Submission) -> SubmissionVersion:
    version = (
        SubmissionVersion.objects.select_related("form_version")
        .filter(pk=submission.current_id)
        .first()
    )
    if version is not None and version.parsed_at is None:
        from mahalla.surveys.submissions.processing import process_version

        process_version(version.pk)  # approved before the queued parse ran
        version.refresh_from_db()
        submission.refresh_from_db(fields=["area", "longitude", "latitude"])
    if version is None or version.data is None or version.form_version is None:
        raise ValidationError(
            _("This submission could not be read, so it cannot enter the registry.")
        )
    return version


def _place(submission: Submission) -> Area:
    """Where the records sit: the smallest area holding the location, else the campaign's
    area, else the form's (as the submission's own scope rule)."""
    for area_id in (
        submission.area_id,
        submission.campaign.area_id if submission.campaign_id else None,
        submission.form.area_id,
    ):
        if area_id:
            return Area.objects.get(pk=area_id)
    raise ValidationError(_("This submission has no place, so it cannot enter the registry."))


def _city_id(area: Area) -> int:
    return int(area.path.strip("/").split("/")[0])


class _Reader:
    """Reads the mapped answers of one version, collecting every problem before raising."""

    def __init__(self, mapping: FormMapping, version: SubmissionVersion) -> None:
        self.targets = TARGETS[mapping.target]
        self.sources = {m.target: m.source for m in mapping.fields.all()}
        self.questions = {f["path"]: f for f in version.form_version.fields}
        self.data = version.data
        self.values = ValueCache()
        self.problems: list[str] = []
        for key, path in sorted(self.sources.items()):
            if path not in self.questions and key in self.targets:
                self.problems.append(
                    _("%(field)s: this form version has no question “%(question)s”.")
                    % {"field": self.targets[key].label, "question": path}
                )

    def _convert(self, spec: Target, path: str, raw: Any) -> Any:
        try:
            value = read(spec.kind, raw, spec.label)
        except Problem as problem:
            self.problems.append(str(problem))
            return None
        if spec.list and value not in (None, []):
            choices = {
                c["name"]: c.get("labels", {}) for c in self.questions[path].get("choices", [])
            }
            if isinstance(value, list):
                return [self.values.get(spec.list, code, choices.get(code)) for code in value]
            return self.values.get(spec.list, value, choices.get(value))
        return value

    def main(self) -> dict[str, Any]:
        out = {}
        for key, spec in self.targets.items():
            path = self.sources.get(key)
            if spec.is_member or path not in self.questions:
                continue
            out[key] = self._convert(spec, path, at(self.data, path))
        return out

    def members(self) -> list[dict[str, Any]]:
        mapped = {
            key: self.sources[key]
            for key, spec in self.targets.items()
            if spec.is_member and self.sources.get(key) in self.questions
        }
        if not mapped:
            return []
        repeat = self.questions[next(iter(mapped.values()))].get("repeat", "")
        rows = at(self.data, repeat) or []
        if len(rows) > MAX_MEMBERS:
            self.problems.append(
                _("A household may have at most %(count)s members.") % {"count": MAX_MEMBERS}
            )
            return []
        out = []
        for row in rows:
            values = {}
            for key, path in mapped.items():
                spec = self.targets[key]
                values[spec.attribute] = self._convert(spec, path, at(row, relative(path, repeat)))
            out.append(values)
        return out

    def raise_problems(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _assign(obj: Any, values: dict[str, Any], version_id: int, sourced: Any = ()) -> bool:
    """Set the fields that differ, and record the source version of each mapped registry
    field in `sourced` (the mapping's keys: "head_name", "location", "member.age"…).
    True if anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    provenance = dict(obj.provenance or {})
    for name in sourced:
        provenance[name] = version_id
    if provenance != obj.provenance:
        obj.provenance = provenance
        changed = True
    return changed


def _save(obj: Any, submission: Submission, created: bool, outcome: Outcome, changed: bool) -> None:
    if not (created or changed):
        outcome.unchanged += 1
        return
    obj._history_user = getattr(submission, "_history_user", None)
    obj.save()
    if created:
        outcome.created += 1
    else:
        outcome.updated += 1


def _fk(values: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Value objects as their ids, so comparing with the stored row reads no value row."""
    return {
        (f"{n}_id" if n in names else n): (v.pk if n in names and v is not None else v)
        for n, v in values.items()
    }


_HOUSEHOLD_VALUES = ("income_band", "house_condition", "tenure")
_MEMBER_VALUES = ("sex", "occupation")
_PROFILE_VALUES = (
    "land_owner_type", "tenure_situation", "eviction_threat", "water", "electricity",
    "drainage", "toilets", "solid_waste",
)  # fmt: skip


def _received_day(submission: Submission, version: SubmissionVersion):
    """The day the version arrived, where its surveyor is (their zone, else their
    language's): a worker in UTC must not date a Bangkok morning survey the day before."""
    user = submission.submitted_by
    zone = reader_time_zone(getattr(user, "time_zone", ""), getattr(user, "language", None))
    return timezone.localdate(version.received_at, zone)


def _common(submission: Submission, version: SubmissionVersion, main: dict, area: Area) -> dict:
    observed = main.pop("observed_on", None) or _received_day(submission, version)
    point = main.pop("location", None)
    longitude, latitude = point if point else (submission.longitude, submission.latitude)
    return {
        "area_id": area.pk,
        "city_id": _city_id(area),
        "campaign_id": submission.campaign_id,
        "observed_on": observed,
        "longitude": longitude,
        "latitude": latitude,
        "source_version_id": version.pk,
    }


def _household(submission: Submission, version: SubmissionVersion, reader: _Reader) -> Outcome:
    if "household_ref" in reader.sources:  # a follow-up: it updates a household
        from mahalla.registry.ingest.update import update_household

        return update_household(submission, version, reader)
    main = reader.main()
    sourced = list(main)
    members = reader.members()
    reader.raise_problems()
    area = _place(submission)
    outcome = Outcome(target=FormMapping.Target.HOUSEHOLD)
    values = _common(submission, version, main, area)
    values |= _fk(main, _HOUSEHOLD_VALUES)
    for text in ("head_name", "house_number"):
        values[text] = values.get(text) or ""
    values["member_count"] = len(members)
    names = " ".join(
        [values["head_name"], values["house_number"], *(m.get("name") or "" for m in members)]
    )
    values["search_text"] = normalize_search(names)[:400]
    household = Household.objects.select_for_update().filter(source_submission=submission).first()
    created = household is None
    if created:
        household = Household(source_submission=submission)
    _save(household, submission, created, outcome, _assign(household, values, version.pk, sourced))
    outcome.records.append(household)
    member_keys = [k for k in reader.sources if k.startswith("member.")]
    _members(household, members, submission, version, outcome, member_keys)
    if main.get("tenure") is not None:
        _tenure(household, values, main["tenure"], submission, version, outcome)
    return outcome


def _members(household, rows, submission, version, outcome, sourced) -> None:
    existing = {m.position: m for m in Member.objects.filter(household=household)}
    for position, row in enumerate(rows, start=1):
        values = _fk(row, _MEMBER_VALUES)
        values["name"] = values.get("name") or ""
        values["search_text"] = normalize_search(values["name"])[:400]
        values["is_deleted"] = False
        values["source_version_id"] = version.pk
        member = existing.pop(position, None)
        created = member is None
        if created:
            member = Member(household=household, position=position, source_submission=submission)
        _save(member, submission, created, outcome, _assign(member, values, version.pk, sourced))
    for member in existing.values():  # rows the edited submission no longer has
        if not member.is_deleted:
            member.is_deleted = True
            _save(member, submission, False, outcome, True)


def _tenure(household, values, tenure, submission, version, outcome) -> None:
    """The household's house as a structure in its community, held by the household."""
    unit = SpatialUnit.objects.filter(source_submission=submission, kind="structure").first()
    unit_values = {
        "area_id": values["area_id"],
        "label": values["house_number"],
        "longitude": values["longitude"],
        "latitude": values["latitude"],
        "source_version_id": version.pk,
    }
    created = unit is None
    if created:
        unit = SpatialUnit(kind=SpatialUnit.Kind.STRUCTURE, source_submission=submission)
    _save(unit, submission, created, outcome, _assign(unit, unit_values, version.pk))
    relationship = TenureRelationship.objects.filter(
        source_submission=submission, household=household
    ).first()
    created = relationship is None
    if created:
        relationship = TenureRelationship(household=household, source_submission=submission)
    rel_values = {
        "spatial_unit_id": unit.pk,
        "tenure_type_id": tenure.pk,
        "valid_from": values["observed_on"],
        "source_version_id": version.pk,
    }
    _save(relationship, submission, created, outcome, _assign(relationship, rel_values, version.pk))


def _settlement(submission: Submission, version: SubmissionVersion, reader: _Reader) -> Outcome:
    main = reader.main()
    sourced = list(main)
    households, population = main.get("households"), main.get("population")
    if households is not None and population is not None and population < households:
        reader.problems.append(
            _(
                "Population (%(population)s) is smaller than the number of households "
                "(%(households)s)."
            )
            % {"population": population, "households": households}
        )
    reader.raise_problems()
    area = _place(submission)
    outcome = Outcome(target=FormMapping.Target.SETTLEMENT)
    many = {name: main.pop(name, None) for name in ("hazards", "services")}
    values = _common(submission, version, main, area)
    values.pop("longitude"), values.pop("latitude")
    values |= _fk(main, _PROFILE_VALUES)
    values["notes"] = values.get("notes") or ""
    profile = (
        SettlementProfile.objects.select_for_update().filter(source_submission=submission).first()
    )
    created = profile is None
    if created:
        profile = SettlementProfile(source_submission=submission)
    changed = _assign(profile, values, version.pk, sourced)
    _save(profile, submission, created, outcome, changed)
    for name, chosen in many.items():
        if chosen is None:
            continue
        wanted = {value.pk for value in chosen}
        relation = getattr(profile, name)
        if set(relation.values_list("pk", flat=True)) != wanted:
            relation.set(wanted)
            if not (created or changed):
                outcome.unchanged -= 1
                outcome.updated += 1
                changed = True
    SpatialUnit.objects.get_or_create(
        area=area, kind=SpatialUnit.Kind.COMMUNITY, is_deleted=False,
        defaults={"label": area.name[:100]},
    )  # fmt: skip
    outcome.records.append(profile)
    return outcome


def apply_submission(submission: Submission) -> Outcome | None:
    """The registry records of an approved submission (None when its form has no mapping)."""
    mapping = ensure_default_mapping(submission.form)
    if mapping is None or not mapping.active:
        return None
    with transaction.atomic():
        version = _version(submission)
        reader = _Reader(mapping, version)
        if mapping.target == FormMapping.Target.HOUSEHOLD:
            return _household(submission, version, reader)
        return _settlement(submission, version, reader)
