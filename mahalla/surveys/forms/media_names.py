"""The files a converted XForm names, read from the XForm as ODK Central reads them.

- `<instance id="…" src="jr://file-csv/x.csv"/>` (select_one_from_file, pulldata, external
  choices: itemsets.csv) and `jr://file/x.xml` / `.geojson`: kind "file";
- itext values `<value form="image">jr://images/x.png</value>` (and big-image, audio, video):
  kind "image", "audio" or "video";
- `appearance="search('x')"` on a select: the CSV file x.csv, kind "file".
"""

from __future__ import annotations

import re

from defusedxml import ElementTree

_SEARCH = re.compile(r"search\(\s*'([^']+)'")
_MEDIA_FORMS = {"image": "image", "big-image": "image", "audio": "audio", "video": "video"}


def _name(src: str) -> str:
    return src.rsplit("/", 1)[-1]


def media_names(xform: str) -> dict[str, str]:
    """{file name: kind} in the order the XForm names them."""
    root = ElementTree.fromstring(xform.encode())
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        if local == "instance":
            src = element.get("src") or ""
            if src.startswith("jr://file"):
                found.setdefault(_name(src), "file")
        elif local == "value" and element.get("form") in _MEDIA_FORMS:
            text = (element.text or "").strip()
            if text.startswith("jr://"):
                found.setdefault(_name(text), _MEDIA_FORMS[element.get("form")])
        appearance = element.get("appearance") or ""
        match = _SEARCH.search(appearance)
        if match:
            found.setdefault(f"{match.group(1)}.csv", "file")
    return found
