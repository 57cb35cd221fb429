"""Answers (nested as the parsed JSON) written as the XML ODK Collect sends: for the demo's
surveys and for tests."""

from __future__ import annotations

import uuid
from typing import Any
from xml.sax.saxutils import escape

from mahalla.surveys.models import FormVersion


def _elements(answers: dict[str, Any]) -> str:
    out = []
    for name, value in answers.items():
        rows = (
            value if isinstance(value, list) and value and isinstance(value[0], dict) else [value]
        )
        for row in rows:
            if isinstance(row, dict):
                out.append(f"<{name}>{_elements(row)}</{name}>")
            elif isinstance(row, list):
                out.append(f"<{name}>{escape(' '.join(map(str, row)))}</{name}>")
            else:
                out.append(f"<{name}>{escape('' if row is None else str(row))}</{name}>")
    return "".join(out)


def answers_xml(
    version: FormVersion, answers: dict[str, Any], *, instance_id: str = "", deprecated_id: str = ""
) -> bytes:
    """The XML ODK Collect would send for `answers` (nested as the parsed JSON: groups as
    dicts, repeats as lists of dicts, a geopoint as "lat lon alt accuracy")."""
    instance_id = instance_id or f"uuid:{uuid.uuid4()}"
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{version.form.xml_form_id}" '
        f'version="{version.version}">{_elements(answers)}'
        f"<meta><instanceID>{instance_id}</instanceID>{deprecated}</meta></data>"
    ).encode()
