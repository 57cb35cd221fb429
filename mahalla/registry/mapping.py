"""A form's registry mapping: made for the default forms, checked before it is saved."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mahalla.registry.ingest.targets import DEFAULTS, TARGETS, accepts
from mahalla.registry.models import FieldMap, FormMapping
from mahalla.registry.values import ensure_values
from mahalla.surveys.models import Form, FormVersion


def latest_version(form: Form) -> FormVersion | None:
    versions = form.versions.order_by("-created_at", "-pk")
    return versions.filter(state=FormVersion.State.PUBLISHED).first() or versions.first()


def _questions(version: FormVersion | None) -> dict[str, dict]:
    return {f["path"]: f for f in (version.fields if version else [])}


def check_fields(target: str, fields: dict[str, str], questions: dict[str, dict]) -> list[str]:
    """Problems of a mapping against a form's questions, each naming the field (translated)."""
    known = TARGETS[target]
    problems = []
    member_repeats = set()
    for key, path in sorted(fields.items()):
        spec = known.get(key)
        if spec is None:
            problems.append(_("“%(field)s” is not a registry field.") % {"field": key})
            continue
        question = questions.get(path)
        if question is None:
            problems.append(
                _("%(field)s: the form has no question “%(question)s”.")
                % {"field": spec.label, "question": path}
            )
            continue
        if not accepts(spec, question.get("type", "")):
            problems.append(
                _("%(field)s: a question of type “%(type)s” cannot fill it.")
                % {"field": spec.label, "type": question.get("type", "")}
            )
        repeat = question.get("repeat", "")
        if spec.is_member:
            if not repeat:
                problems.append(
                    _("%(field)s: choose a question inside the members' repeat.")
                    % {"field": spec.label}
                )
            member_repeats.add(repeat)
        elif repeat:
            problems.append(
                _("%(field)s: choose a question outside any repeat.") % {"field": spec.label}
            )
    if len(member_repeats - {""}) > 1:
        problems.append(_("Members' fields must all come from the same repeat."))
    return problems


def follow_up_without_ref(target: str, fields: dict[str, str], questions: list[dict]) -> str:
    """The question that picks a household from the follow-up list when the mapping does not
    use it: every approval would then add a new household instead of updating the one picked
    (a duplicate). "" when there is nothing to warn about."""
    from mahalla.registry.follow_up import FILE_NAME

    if target != "household" or fields.get("household_ref"):
        return ""
    for question in questions:
        if question.get("choices_file") == FILE_NAME:
            return question.get("path", "")
    return ""


def mapping_save(
    *, form: Form, target: str, fields: dict[str, str], user: Any = None, active: bool = True
) -> FormMapping:
    """Replace a form's mapping with `fields` (registry field → question path), or refuse
    with every problem named; nothing is written when one is found."""
    if target not in TARGETS:
        raise ValidationError(_("Choose what the form fills."))
    fields = {key: path for key, path in fields.items() if path}
    questions = _questions(latest_version(form))
    problems = check_fields(target, fields, questions)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        mapping, _created = FormMapping.objects.update_or_create(
            form=form, defaults={"target": target, "active": active, "updated_by": user}
        )
        mapping.fields.exclude(target__in=fields).delete()
        for key, path in fields.items():
            FieldMap.objects.update_or_create(
                mapping=mapping, target=key, defaults={"source": path}
            )
        for key, path in fields.items():
            spec = TARGETS[target][key]
            if spec.list:
                ensure_values(spec.list, questions[path].get("choices", []))
    return mapping


def ensure_default_mapping(form: Form) -> FormMapping | None:
    """The mapping of a default form (by its `registry_mapping` key), made on first need from
    the questions its version has; None for other forms without a mapping."""
    existing = FormMapping.objects.filter(form=form).first()
    if existing is not None or form.registry_mapping not in DEFAULTS:
        return existing
    target, by_name = DEFAULTS[form.registry_mapping]
    version = latest_version(form)
    if version is None:
        return None
    paths = {}
    for f in version.fields:
        paths.setdefault(f["name"], f["path"])
    fields = {key: paths[name] for key, name in by_name.items() if name in paths}
    return mapping_save(form=form, target=target, fields=fields)
