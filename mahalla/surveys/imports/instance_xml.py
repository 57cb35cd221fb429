"""The XML of one submission, built from a row (and its repeat rows) as ODK Collect sends it."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as etree  # noqa: S405 - builds XML, parses none

from defusedxml import ElementTree as SafeET

XFORMS = "{http://www.w3.org/2002/xforms}"
JR = "http://openrosa.org/javarosa"
ORX = "http://openrosa.org/xforms"


@dataclass
class Node:
    """One row: answers by question path, and the rows of each repeat inside it."""

    values: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[Node]] = field(default_factory=dict)


def instance_root(xform: str) -> tuple[str, dict[str, str]]:
    """The primary instance's element name and its id/version attributes."""
    root = SafeET.fromstring(xform.encode())
    for element in root.iter():
        if element.tag in (f"{XFORMS}instance", "instance") and not element.get("id"):
            data = next(iter(element), None)
            if data is not None:
                name = data.tag.split("}", 1)[-1]
                attrs = {k: v for k, v in data.attrib.items() if k in ("id", "version")}
                return name, attrs
    return "data", {}


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0]


def children_map(fields: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for item in fields:
        out.setdefault(_parent(item["path"]), []).append(item)
    return out


def _fill(element: etree.Element, parent: str, node: Node, tree: dict[str, list[dict]]) -> None:
    for item in tree.get(parent, []):
        if item["type"] == "repeat":
            for child in node.children.get(item["path"], []):
                _fill(etree.SubElement(element, item["name"]), item["path"], child, tree)
        elif item["type"] == "group":
            _fill(etree.SubElement(element, item["name"]), item["path"], node, tree)
        else:
            sub = etree.SubElement(element, item["name"])
            value = node.values.get(item["path"], "")
            if value:
                sub.text = value


def build(
    root: tuple[str, dict[str, str]], tree: dict[str, list[dict]], node: Node, instance_id: str
) -> bytes:
    name, attrs = root
    element = etree.Element(name, {"xmlns:jr": JR, "xmlns:orx": ORX})
    for key, value in attrs.items():
        element.set(key, value)
    node.values["/meta/instanceID"] = instance_id
    _fill(element, "", node, tree)
    if not any(i["path"] == "/meta" for i in tree.get("", [])):
        meta = etree.SubElement(element, "meta")
        etree.SubElement(meta, "instanceID").text = instance_id
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + etree.tostring(element, encoding="unicode").encode()
    )
