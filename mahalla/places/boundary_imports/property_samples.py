"""What each property of a boundary file holds: nested paths, sample values, script. Pure.

Nested properties: GeoJSON from OpenStreetMap (Overpass, osmtogeojson) keeps names inside an
object, `{"tags": {"name": "…", "name:en": "…"}}`, which GDAL hands over as a JSON string.
Such a column is parsed and each value inside it becomes a property of its own, named by the
keys that lead to it joined with a dot: `tags.name`, `tags.name:en`, `a.b.c`. A real column
whose own name holds a dot is found under that name first.

The script of a column (Thai, Persian/Arabic, Latin letters, or a code) is what the mapping
step guesses from, so a Thai column is never offered as the English name.
"""

from __future__ import annotations

import json
import re
from collections import Counter

MAX_PROPERTIES = 200  # kept per layer; an OSM export can carry hundreds of rare tags
MAX_SAMPLES = 3
MAX_SAMPLE_CHARS = 60  # long texts are cut: the samples only help recognise a column
SCRIPT_SAMPLE = 500  # non-empty values looked at to tell a column's script
SCRIPT_SHARE = 0.9  # share of those values that must agree for a column to have a script

OBJECT = "object"
EMPTY = "empty"
THAI = "thai"
PERSIAN = "persian"  # any Arabic-script text: Persian, Arabic, Urdu, Pashto
LATIN = "latin"
CODE = "code"
MIXED = "mixed"

_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# A code: no spaces, short, with a digit ("1033", "KT-101", "TH1033", "12/4").
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._:/\-]{0,23}$")


def parse_object(value: object) -> dict | list | None:
    """The object or list a value holds (parsed from JSON text), or None for plain values."""
    if isinstance(value, dict | list):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not (text.startswith("{") and text.endswith("}")) and not (
        text.startswith("[") and text.endswith("]")
    ):
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict | list) else None


def flatten(value: object, prefix: str) -> dict[str, object]:
    """Path -> leaf value for an object; lists stay leaves (they are not one value)."""
    if not isinstance(value, dict):
        return {prefix: value}
    leaves: dict[str, object] = {}
    for key, inner in value.items():
        leaves.update(flatten(inner, f"{prefix}.{key}"))
    return leaves


def leaf_text(value: object) -> str:
    """A leaf as text; objects and lists give "" so that no JSON ever becomes a name."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def object_columns(columns: dict[str, list[str]]) -> set[str]:
    """Columns whose non-empty values are JSON objects or lists."""
    found = set()
    for name, values in columns.items():
        filled = [v for v in values[:SCRIPT_SAMPLE] if v]
        if filled and all(parse_object(v) is not None for v in filled):
            found.add(name)
    return found


def expand(columns: dict[str, list[str]]) -> dict[str, list[str]]:
    """The columns with every object column's leaves added as `column.key` paths.

    Paths come in the order of how many features have them, so that when there are too many
    to keep the common ones (name, name:en) stay.
    """
    expanded = dict(columns)
    for name in object_columns(columns):
        parsed = [parse_object(v) for v in columns[name]]
        rows = [flatten(p, name) if isinstance(p, dict) else {} for p in parsed]
        counts = Counter(path for row in rows for path in row)
        for path, _count in counts.most_common():
            if path in expanded:
                continue
            expanded[path] = [leaf_text(row.get(path)) for row in rows]
            # A path holding objects or lists (not flattened further: lists) is kept as such.
            if any(isinstance(row.get(path), list) for row in rows):
                expanded[path] = [json.dumps(row[path]) if path in row else "" for row in rows]
    return expanded


def value_kind(text: str) -> str:
    if parse_object(text) is not None:
        return OBJECT
    thai = len(_THAI_LETTER.findall(text))
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if thai and thai >= max(arabic, latin):
        return THAI
    if arabic and arabic >= latin:
        return PERSIAN
    if _CODE.match(text) and (any(ch.isdigit() for ch in text) or not latin):
        return CODE
    if latin:
        return LATIN
    return CODE if text.strip("-./ ").isdigit() else MIXED


def column_kind(values: list[str]) -> str:
    """EMPTY, OBJECT, THAI, PERSIAN, LATIN, CODE or MIXED for a column's values."""
    filled = [v for v in values if v][:SCRIPT_SAMPLE]
    if not filled:
        return EMPTY
    kind, count = Counter(value_kind(v) for v in filled).most_common(1)[0]
    return kind if count >= SCRIPT_SHARE * len(filled) else MIXED


def samples(values: list[str]) -> list[str]:
    """The first distinct non-empty values, cut to a readable length."""
    found: list[str] = []
    for value in values:
        if not value:
            continue
        cut = value if len(value) <= MAX_SAMPLE_CHARS else value[: MAX_SAMPLE_CHARS - 1] + "…"
        if cut not in found:
            found.append(cut)
            if len(found) == MAX_SAMPLES:
                break
    return found


def _info(values: list[str]) -> dict:
    filled = [v for v in values if v][:SCRIPT_SAMPLE]
    return {
        "samples": samples(values),
        "kind": column_kind(values),
        # Distinct values could be each place's code; repeated ones are a category or parent.
        "unique": len(set(filled)) == len(filled),
    }


def describe(columns: dict[str, list[str]]) -> tuple[list[str], dict[str, dict], int]:
    """(property names, {name: {"samples", "kind"}}, how many were left out) for a layer."""
    expanded = expand(columns)
    names = list(expanded)
    kept = names[:MAX_PROPERTIES]
    info = {name: _info(expanded[name]) for name in kept}
    return kept, info, len(names) - len(kept)


def resolve(wanted: str, fields: list[str]) -> tuple[str, str] | None:
    """(column, path) to read `wanted` from: the column itself, or the object column whose
    leaves hold it (the longest column name that is a prefix, for names with dots)."""
    if wanted in fields:
        return wanted, ""
    owners = [f for f in fields if wanted.startswith(f + ".")]
    if not owners:
        return None
    return max(owners, key=len), wanted


def read_path(values: list[str], column: str, path: str) -> list[str]:
    """The leaf at `path` of each row's object, as text ("" where absent or not a leaf)."""
    out = []
    for value in values:
        parsed = parse_object(value)
        leaf = flatten(parsed, column).get(path) if isinstance(parsed, dict) else None
        out.append(leaf_text(leaf))
    return out
