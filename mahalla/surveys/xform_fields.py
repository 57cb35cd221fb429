"""The questions of a converted form, flattened into one list that later steps read.

pyxform describes a form as nested JSON (groups, repeats, questions). Parsing, exports, the
type-change check between versions and the registry mapping all need the same facts: each
node's path, type, labels per language code and the repeat it sits in. They are computed once,
when a version is stored, into `FormVersion.fields`.
"""

from __future__ import annotations

import re
from typing import Any

# pyxform's language names ("Thai (th)", "English") to our codes.
_NAMED = {"english": "en", "thai": "th", "persian": "fa", "farsi": "fa", "ไทย": "th", "فارسی": "fa"}
_CODE_IN_PARENS = re.compile(r"\(([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?\)\s*$")

GROUP = "group"
REPEAT = "repeat"
# Structural nodes pyxform adds that are not answers (meta/instanceID is kept: it is the key).
_SKIP_TYPES = {"note"}


def language_code(name: str) -> str:
    """'Thai (th)' → 'th'; 'English' → 'en'; 'default' stays 'default'."""
    match = _CODE_IN_PARENS.search(name)
    if match:
        return match.group(1).lower()
    return _NAMED.get(name.strip().lower(), name.strip())


def labels(value: Any) -> dict[str, str]:
    """A pyxform label (a string or {language name: text}) keyed by language code."""
    if not value:
        return {}
    if isinstance(value, str):
        return {"default": value}
    return {language_code(k): str(v) for k, v in value.items() if v}


def _choices(node: dict, survey: dict) -> list[dict]:
    items = node.get("choices")
    if items is None and node.get("itemset") in (survey.get("choices") or {}):
        items = survey["choices"][node["itemset"]]
    return [{"name": str(c.get("name", "")), "labels": labels(c.get("label"))} for c in items or []]


def flatten(survey: dict) -> list[dict]:
    """Every group, repeat and question under the survey, in form order."""
    out: list[dict] = []

    def walk(children: list[dict], prefix: str, repeat: str) -> None:
        for node in children:
            kind = node.get("type", "")
            if kind in _SKIP_TYPES:
                continue
            path = f"{prefix}/{node['name']}"
            entry = {
                "path": path,
                "name": node["name"],
                "type": kind,
                "labels": labels(node.get("label")),
                "repeat": repeat,
            }
            if kind in (
                "select one",
                "select all that apply",
                "select one from file",
                "select all that apply from file",
                "rank",
            ):
                entry["choices"] = _choices(node, survey)
                if node.get("itemset") and "." in str(node.get("itemset")):
                    entry["choices_file"] = node["itemset"]
            out.append(entry)
            if kind in (GROUP, REPEAT):
                walk(node.get("children", []), path, path if kind == REPEAT else repeat)

    walk(survey.get("children", []), "", "")
    return out


def languages(survey: dict) -> list[str]:
    """Language codes the form's labels use, in first-seen order."""
    seen: dict[str, None] = {}

    def walk(node: dict) -> None:
        label = node.get("label")
        if isinstance(label, dict):
            for name in label:
                seen.setdefault(language_code(name), None)
        for child in node.get("children", []):
            walk(child)

    walk(survey)
    return list(seen)


def repeats(fields: list[dict]) -> list[str]:
    return [f["path"] for f in fields if f["type"] == REPEAT]
