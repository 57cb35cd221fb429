"""Every translatable string can be found by `makemessages`: xgettext does not read inside
Python f-strings, so `f"{_('latitude')}"` stays English on every Thai and Persian page
(the mapping page of the survey import showed "latitude" that way)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A gettext call opened inside an f-string's replacement field.
INSIDE_F_STRING = re.compile(r"\{\s*(?:_|gettext|gettext_lazy|ngettext|pgettext|npgettext)\(")
F_STRING = re.compile(r"""\b[fF][rR]?("|')""")


def offending_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if F_STRING.search(line) and INSIDE_F_STRING.search(line)
    ]


def test_the_check_finds_a_call_inside_an_f_string():
    assert offending_lines("x = f\"{text} · {_('latitude')}\"\n") == [1]
    assert offending_lines('x = f"{text} · {latitude}"\ny = _("latitude")\n') == []


def test_no_gettext_call_sits_inside_an_f_string():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        for number in offending_lines(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT.parent)}:{number}")
    assert not found, "gettext inside an f-string (makemessages cannot see it):\n" + "\n".join(
        found
    )
