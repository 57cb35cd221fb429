"""Where a record's values came from, for its page: submission versions and their fields."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import FieldDoesNotExist

from mahalla.core.i18n.collation import sorted_localized
from mahalla.registry.ingest.targets import TARGETS
from mahalla.surveys.models import SubmissionVersion


def _label(model: Any, name: str) -> str:
    for targets in TARGETS.values():
        if name in targets:
            return str(targets[name].label)
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def provenance_groups(obj: Any) -> list[dict]:
    """[{"version", "submission", "fields": [labels]}], newest version first. Keys are the
    mapping's registry fields (`ingest.targets`), labelled in the reader's language."""
    fields: dict[int, list[str]] = defaultdict(list)
    for name, version_id in (obj.provenance or {}).items():
        if isinstance(version_id, int) and not name.startswith("member."):
            fields[version_id].append(_label(type(obj), name))
    versions = SubmissionVersion.objects.filter(pk__in=fields).select_related("submission")
    return [
        {"version": v, "submission": v.submission, "fields": sorted_localized(fields[v.pk])}
        for v in sorted(versions, key=lambda v: (v.received_at, v.pk), reverse=True)
    ]
