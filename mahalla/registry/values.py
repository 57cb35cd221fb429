"""Finding a value of a list by the code a form sends, adding it from the form's labels when
the list does not have it yet (a form may offer a choice the list lacks)."""

from __future__ import annotations

from mahalla.registry.models import Value

_LANGUAGES = ("en", "th", "fa")


def _names(labels: dict[str, str], code: str) -> dict[str, str]:
    default = labels.get("default", "")
    names = {f"name_{c}": (labels.get(c) or "")[:200] for c in _LANGUAGES}
    names["name_en"] = names["name_en"] or default[:200] or code[:200]
    return names


class ValueCache:
    """Values looked up once per list and code while a submission (or a batch) is applied."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], Value] = {}

    def get(self, list_name: str, code: str, labels: dict[str, str] | None = None) -> Value:
        key = (list_name, code)
        value = self._values.get(key)
        if value is None:
            value, _created = Value.objects.get_or_create(
                list=list_name, code=code[:80], defaults=_names(labels or {}, code)
            )
            self._values[key] = value
        return value


def ensure_values(list_name: str, choices: list[dict]) -> int:
    """Add the form's choices a list lacks (names from their labels); returns how many."""
    have = set(Value.objects.filter(list=list_name).values_list("code", flat=True))
    new = [
        Value(
            list=list_name,
            code=c["name"][:80],
            rank=index,
            **_names(c.get("labels", {}), c["name"]),
        )
        for index, c in enumerate(choices, start=1)
        if c.get("name") and c["name"][:80] not in have
    ]
    Value.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
