"""The few things the intake reads from a submission's XML before storing it, read safely.

This is not the parse to JSON (that is `submissions.processing`): only the root's `id` and
`version` attributes, `meta/instanceID` and `meta/deprecatedID`, and the text of the elements
that name attachments. The document is read in one streaming pass by defusedxml's expat
parser with document types forbidden, so no entity is ever expanded and nothing external is
fetched; a malformed document is an error with its line number. Its size was checked before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# pyxform question types whose value is the name of a file sent with the submission.
BINARY_TYPES = {"photo", "image", "audio", "video", "file", "background-audio", "binary"}
MAX_NAME = 100  # the longest instanceID we store (the model's column)


class InstanceError(ValueError):
    """The XML cannot be taken in; `code` is a job-message code, `params` its parameters."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Instance:
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str = ""
    # {path without the root ("/house/photo"): [texts]} of every leaf element with text.
    leaves: dict[str, list[str]] = field(default_factory=dict)

    def attachment_names(self, binary_paths: set[str], uploaded: set[str]) -> list[str]:
        """Files this submission names: values of its binary questions, and any other leaf
        whose text is the name of a file sent with it (forms we know nothing of)."""
        names: list[str] = []
        for path, texts in self.leaves.items():
            for text in texts:
                name = text.strip()
                if not name or name in names or "/" in name or len(name) > 255:
                    continue
                if path in binary_paths or name in uploaded:
                    names.append(name)
        return names


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_instance(xml: bytes) -> Instance:
    """Root attributes, meta and leaf texts of a submission, or InstanceError."""
    if not xml.strip():
        raise InstanceError("surveys.openrosa.malformed", line=1)
    stack: list[str] = []
    root_attrib: dict[str, str] = {}
    meta: dict[str, str] = {}
    leaves: dict[str, list[str]] = {}
    try:
        for event, element in iterparse(BytesIO(xml), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if not stack:
                    root_attrib = {_local(k): v for k, v in element.attrib.items()}
                stack.append(_local(element.tag))
                continue
            name = stack.pop()
            if len(stack) == 2 and stack[1] == "meta" and name in ("instanceID", "deprecatedID"):
                meta[name] = (element.text or "").strip()
            if len(element) == 0 and element.text and len(stack) >= 1:
                path = "/" + "/".join([*stack[1:], name])
                leaves.setdefault(path, []).append(element.text)
            if len(stack) > 1:
                element.clear()
    except DefusedXmlException as error:
        raise InstanceError("surveys.openrosa.dtd_forbidden") from error
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else 1
        raise InstanceError("surveys.openrosa.malformed", line=line) from error
    form_id = root_attrib.get("id", "").strip()
    if not form_id:
        raise InstanceError("surveys.openrosa.missing_form_id")
    instance_id = meta.get("instanceID") or root_attrib.get("instanceID", "").strip()
    if not instance_id:
        raise InstanceError("surveys.openrosa.missing_instance_id")
    deprecated_id = meta.get("deprecatedID", "")
    if len(instance_id) > MAX_NAME or len(deprecated_id) > MAX_NAME or len(form_id) > MAX_NAME:
        raise InstanceError("surveys.openrosa.malformed", line=1)
    return Instance(
        form_id=form_id,
        version=root_attrib.get("version", "").strip(),
        instance_id=instance_id,
        deprecated_id=deprecated_id,
        leaves=leaves,
    )


def binary_paths(fields: list[dict]) -> set[str]:
    """Paths (without the root) of a version's questions whose value is a file name."""
    return {f["path"] for f in fields if f.get("type") in BINARY_TYPES and f.get("path")}
