"""Guessing, for the mapping step, which property of a file holds the code and each name. Pure.

A guess comes from the property's name (`name:fa`, `pro_th`, `amp_code`, `ชื่อ`, `نام`, `کد`,
`รหัส`…, compared without case, and for a nested property `tags.name:en` also by its last
part) and from the script of its values (see property_samples.py). A property is guessed only
when its values fit: never an empty column, never an object, never a Thai-script column as the
English name. Nothing guessed is better than a wrong guess the uploader does not notice.
"""

from __future__ import annotations

import re

from mahalla.places.boundary_imports.property_samples import CODE, LATIN, PERSIAN, THAI

NAMES = {
    "code_field": [
        "code", "pcode", "adm_pcode", "adm4_pcode", "adm3_pcode", "adm2_pcode", "adm1_pcode",
        "amp_code", "pro_code", "tam_code", "prov_code", "dist_code", "ref", "id", "gid",
        "รหัส", "کد", "کد_محله",
    ],
    "name_en_field": [
        "name_en", "name:en", "en_name", "name_eng", "name_english", "nameen", "adm4_en",
        "adm3_en", "adm2_en", "adm1_en", "tam_en", "amp_en", "pro_en", "name",
    ],
    "name_th_field": [
        "name_th", "name:th", "th_name", "name_tha", "nameth", "ชื่อ", "ชื่อชุมชน", "adm4_th",
        "adm3_th", "adm2_th", "adm1_th", "tam_th", "amp_th", "pro_th", "name",
    ],
    "name_fa_field": [
        "name_fa", "name:fa", "fa_name", "name_fas", "name_per", "namefa", "نام", "نام_محله",
        "name",
    ],
    "parent_code_field": ["parent_code", "parent_pcode", "parent"],
    "registration_field": [
        "registration", "registered", "reg_status", "จดทะเบียน", "การจดทะเบียน", "ثبت",
        "وضعیت_ثبت",
    ],
}  # fmt: skip
FITS = {
    "code_field": {CODE},
    "name_en_field": {LATIN},
    "name_th_field": {THAI},
    "name_fa_field": {PERSIAN},
    "parent_code_field": {CODE},
    "registration_field": None,  # any text: "yes", "ثبت‌شده", "1"…
}
# Words that make a property likely to hold a name, when only its script tells which language.
_NAME_HINT = re.compile(r"name|nam\b|ชื่อ|نام", re.IGNORECASE)
_CODE_HINT = re.compile(r"code|id$|ref|รหัส|کد", re.IGNORECASE)
# Guessed from the script alone: a name in a script says its language; a code column does not.
SCRIPT_GUESSED = ("name_th_field", "name_fa_field", "name_en_field", "code_field")


def _keys(name: str) -> list[str]:
    lowered = name.strip().lower()
    return [lowered, lowered.rsplit(".", 1)[-1]] if "." in lowered else [lowered]


def _fits(field: str, info: dict) -> bool:
    kind = info.get("kind")
    if kind in (None, "empty", "object"):
        return False
    allowed = FITS[field]
    if allowed is None:
        return True
    if field == "code_field" and not info.get("unique", True):
        return False  # repeated values are a category or a parent, not each place's code
    return kind in allowed


def guess_mapping(properties: list[str], property_info: dict[str, dict]) -> dict[str, str]:
    """Field name -> guessed property ("" when nothing fits), each property used once."""
    guesses = dict.fromkeys(NAMES, "")
    used: set[str] = set()

    def take(field: str, candidates: list[str]) -> None:
        # Distinct values first: a column repeating one value names the parent (pro_th in a
        # file of districts), not each feature.
        candidates = sorted(candidates, key=lambda n: not property_info.get(n, {}).get("unique"))
        for name in candidates:
            if name not in used and _fits(field, property_info.get(name) or {}):
                guesses[field] = name
                used.add(name)
                return

    # 1. By name, most specific first: the full name, then a nested property's last part.
    for part in (0, -1):
        for field, wanted in NAMES.items():
            if guesses[field]:
                continue
            by_key = {}
            for name in properties:
                by_key.setdefault(_keys(name)[part], name)
            take(field, [by_key[w] for w in wanted if w in by_key])
    # 2. By the script of the values: likely-named properties first, then any that fits.
    for field in SCRIPT_GUESSED:
        if not guesses[field]:
            hint = _CODE_HINT if field == "code_field" else _NAME_HINT
            take(field, [n for n in properties if hint.search(n)] + properties)
    return guesses
