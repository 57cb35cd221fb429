"""The questions of a version as the reader sees them: labels in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from mahalla.surveys.models import FormVersion

_STRUCTURE = {"group", "repeat"}
_HIDDEN_PATHS = ("/meta",)


def pick(labels: dict[str, str], language: str | None = None) -> str:
    """The label in the reader's language, else English, the default, or any."""
    language = (language or get_language() or "en")[:2]
    for code in (language, "en", "default", "th", "fa"):
        if labels.get(code):
            return labels[code]
    return next(iter(labels.values()), "") if labels else ""


@dataclass
class Question:
    path: str
    name: str
    type: str
    label: str
    depth: int
    is_structure: bool
    in_repeat: bool
    choices: list[tuple[str, str]] = field(default_factory=list)


def questions(version: FormVersion) -> list[Question]:
    out = []
    for item in version.fields:
        if item["path"].startswith(_HIDDEN_PATHS):
            continue
        out.append(
            Question(
                path=item["path"],
                name=item["name"],
                type=item["type"],
                label=pick(item.get("labels") or {}),
                depth=item["path"].count("/") - 1,
                is_structure=item["type"] in _STRUCTURE,
                in_repeat=bool(item.get("repeat")),
                choices=[(c["name"], pick(c.get("labels") or {})) for c in item.get("choices", [])],
            )
        )
    return out


def title(version: FormVersion) -> str:
    return pick(version.titles or {}) or version.form.xml_form_id
