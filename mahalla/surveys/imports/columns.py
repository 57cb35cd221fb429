"""Which column of an export holds which question of the form. Pure.

A target is a question's path (`/house/tenure`), a part of a geopoint (`/location#lat`,
`#lon`, `#alt`, `#acc`) or `/meta/instanceID` (the submission's key). Exports of ODK Central
and KoboToolbox name their columns by a fixed rule; a plain table is guessed from the
question's name and its labels in every language, then confirmed by the person.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

INSTANCE_ID = "/meta/instanceID"
# A plain table's column whose equal values mark the rows of one submission (see grouped.py).
ROW_KEY = "#rowkey"
PARTS = ("lat", "lon", "alt", "acc")
CENTRAL_PARTS = {"lat": "Latitude", "lon": "Longitude", "alt": "Altitude", "acc": "Accuracy"}
KOBO_PARTS = {"lat": "latitude", "lon": "longitude", "alt": "altitude", "acc": "precision"}
_WORDS = {
    "lat": ["lat", "latitude", "ละติจูด", "عرض جغرافیایی", "عرض"],
    "lon": ["lon", "lng", "long", "longitude", "ลองจิจูด", "طول جغرافیایی", "طول"],
}
_ID_WORDS = ["instanceid", "instance_id", "instance id", "meta/instanceid", "meta-instanceid"]
SKIPPED_TYPES = {"group", "repeat"}


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower())


def questions(fields: list[dict], repeat: str = "") -> list[dict]:
    """The questions answered in one row of the main table (`repeat` "") or of a repeat."""
    return [f for f in fields if f["repeat"] == repeat and f["type"] not in SKIPPED_TYPES]


def _relative(field: dict, repeat: str) -> list[str]:
    path = field["path"][len(repeat) :] if repeat else field["path"]
    return [p for p in path.split("/") if p]


def central_names(field: dict, repeat: str) -> dict[str, str]:
    """Column name → target, as ODK Central's csv export names them (groups joined by '-'
    below the table's own repeat; a geopoint split into four columns)."""
    base = "-".join(_relative(field, repeat))
    if field["type"] == "geopoint":
        return {f"{base}-{CENTRAL_PARTS[p]}": f"{field['path']}#{p}" for p in PARTS}
    return {base: field["path"]}


def kobo_names(field: dict) -> dict[str, str]:
    """Column name → target, as KoboToolbox's XLSX export names them (the full group path
    joined by '/'; a geopoint also as `_<name>_latitude` and so on)."""
    base = field["path"].strip("/")
    names = {base: field["path"]}
    if field["type"] == "geopoint":
        for part, word in KOBO_PARTS.items():
            names[f"_{field['name']}_{word}"] = f"{field['path']}#{part}"
    return names


def _label_names(field: dict) -> dict[str, str]:
    names = {field["name"]: field["path"]}
    for text in (field.get("labels") or {}).values():
        names.setdefault(text, field["path"])
        # "อายุ (ปี)", "Age (years)": a spreadsheet's header rarely carries the unit.
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", text)
        if bare and bare != text:
            names.setdefault(bare, field["path"])
    return names


def guess(columns: list[str], fields: list[dict], repeat: str = "") -> dict[str, str]:
    """{column: target} for the columns recognised; each target is given to one column."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    geopoints = [f for f in questions(fields, repeat) if f["type"] == "geopoint"]
    for field in questions(fields, repeat):
        exact.update({normal(k): v for k, v in central_names(field, repeat).items()})
        exact.update({normal(k): v for k, v in kobo_names(field).items()})
        for key, value in _label_names(field).items():
            loose.setdefault(normal(key), value)
    if geopoints:
        first = geopoints[0]["path"]
        for part, words in _WORDS.items():
            for word in words:
                loose.setdefault(word, f"{first}#{part}")
    if not repeat:
        for word in _ID_WORDS:
            exact.setdefault(word, INSTANCE_ID)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for lookup in (exact, loose):
        for column in columns:
            target = lookup.get(normal(column))
            if column not in mapping and target and target not in used:
                mapping[column] = target
                used.add(target)
    return mapping


def first_level_repeats(fields: list[dict]) -> list[dict]:
    return [f for f in fields if f["type"] == "repeat" and not f["repeat"]]


def repeat_of(target: str, fields: list[dict]) -> str:
    """The repeat (path) whose rows answer `target`, or "" for the submission's own."""
    path = split_target(target)[0]
    for field in fields:
        if field["path"] == path:
            return field["repeat"]
    return ""


def _label(field: dict, language: str) -> str:
    labels = field.get("labels") or {}
    return labels.get(language) or labels.get("en") or labels.get("default") or ""


def target_choices(
    fields: list[dict], language: str, *, repeats: bool = False
) -> list[tuple[str, str]]:
    """(target, label) for the mapping step's lists: each main-table question in form order,
    a geopoint as the whole point and as its latitude and longitude; with `repeats` (a plain
    table in long format), also the questions of the first-level repeats, after their name."""
    out = []
    groups = [("", "")]
    if repeats:
        groups += [
            (r["path"], _label(r, language) or r["name"]) for r in first_level_repeats(fields)
        ]
    for repeat, repeat_label in groups:
        for field in questions(fields, repeat):
            if field["path"] == INSTANCE_ID:
                continue  # offered once, as the submission's key, below the questions
            label = _label(field, language)
            text = f"{label} ({field['path'].strip('/')})" if label else field["path"].strip("/")
            if repeat_label:
                text = f"{repeat_label} › {text}"
            out.append((field["path"], text))
            if field["type"] == "geopoint":
                # Outside the f-strings: xgettext does not find calls inside them.
                latitude, longitude = _("latitude"), _("longitude")
                out.append((f"{field['path']}#lat", f"{text} · {latitude}"))
                out.append((f"{field['path']}#lon", f"{text} · {longitude}"))
    return out


# Headers of the column that numbers a household list's households (its rows' key).
_ROW_KEY_WORDS = ["household id", "household_id", "household number", "household no", "hh_id",
                  "hh id", "hhid", "เลขที่ครัวเรือน", "รหัสครัวเรือน", "ลำดับครัวเรือน",
                  "کد خانوار", "شماره خانوار", "شناسه خانوار"]  # fmt: skip


def guess_plain(columns: list[str], fields: list[dict]) -> dict[str, str]:
    """`guess` for a plain table: the submission's questions first, then those of each
    first-level repeat for the columns still free (a member's name and age in a household
    list kept one row per member), and then, when members were found and no instance ID,
    a household number column as the rows' key."""
    mapping = guess(columns, fields)
    for repeat in first_level_repeats(fields):
        free = [c for c in columns if c not in mapping]
        more = guess(free, fields, repeat["path"])
        mapping.update({c: t for c, t in more.items() if t not in mapping.values()})
    targets = set(mapping.values())
    if INSTANCE_ID not in targets and any(repeat_of(t, fields) for t in targets):
        words = {normal(w) for w in _ROW_KEY_WORDS}
        key = next((c for c in columns if c not in mapping and normal(c) in words), None)
        if key:
            mapping[key] = ROW_KEY
    return mapping


def split_target(target: str) -> tuple[str, str]:
    path, _, part = target.partition("#")
    return path, part
