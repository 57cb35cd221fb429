"""Demo submissions: realistic households (Thai or Persian names) at points inside areas.

`build(version, areas, count)` works with any published form version: answers are made from
`FormVersion.fields` (names for text questions called *name*, numbers, choices, points
inside the area, four rows per repeat), written as the XML ODK Collect sends, and stored
through the intake service when it exists (`openrosa.intake.receive_submission`), else
stored raw with the ORM and processed (parsed and placed) by `processing.process_version`.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from shapely.geometry import Point, shape

from mahalla.surveys.models import FormVersion, Submission, SubmissionVersion
from mahalla.surveys.submissions.processing import process_version

THAI_GIVEN = ["สมชาย", "สมศรี", "มานี", "ปิติ", "วันดี", "บุญมี", "สุดา", "ประยุทธ", "อรุณี", "ชูใจ"]
THAI_FAMILY = ["ใจดี", "ศรีสุข", "บุญเรือง", "แก้วมณี", "ทองคำ", "พรหมมา", "สายสุวรรณ"]
PERSIAN_GIVEN = ["زهرا", "علی", "فاطمه", "رضا", "مریم", "حسین", "نرگس", "مهدی", "سارا", "امیر"]
PERSIAN_FAMILY = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "بلوچ", "نوروزی"]


def _persian(area: Any) -> bool:
    return bool(area.name_fa) and not area.name_th


def _name(rng: random.Random, persian: bool) -> str:
    given, family = (PERSIAN_GIVEN, PERSIAN_FAMILY) if persian else (THAI_GIVEN, THAI_FAMILY)
    return f"{rng.choice(given)} {rng.choice(family)}"


def _point_inside(rng: random.Random, geometry: Any) -> tuple[float, float] | None:
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    min_x, min_y, max_x, max_y = geometry.bounds
    for _ in range(200):
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if geometry.contains(Point(x, y)):
            return x, y
    point = geometry.representative_point()
    return point.x, point.y


def _children(fields: list[dict], path: str) -> list[dict]:
    prefix = f"{path}/"
    return [
        f for f in fields if f["path"].startswith(prefix) and "/" not in f["path"][len(prefix) :]
    ]


def _leaf(entry: dict, rng: random.Random, persian: bool, point: Any, index: int) -> str:
    kind, name = entry.get("type", ""), entry.get("name", "")
    choices = [c["name"] for c in entry.get("choices") or []]
    if kind == "integer":
        return str(rng.randint(1, 80) if "age" in name else rng.randint(0, 6))
    if kind == "decimal":
        return f"{rng.uniform(5, 120):.1f}"
    if kind.startswith("select one") and choices:
        return rng.choice(choices)
    if kind.startswith("select all") and choices:
        return " ".join(rng.sample(choices, rng.randint(0, min(2, len(choices)))))
    if kind == "geopoint" and point:
        return f"{point[1]:.6f} {point[0]:.6f} 0 {rng.randint(3, 15)}"
    if kind == "date":
        return f"{rng.randint(1950, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "text":
        if "name" in name:
            return _name(rng, persian)
        return ("ข้อมูล " if not persian else "توضیح ") + str(index)
    return ""


def _xml(fields: list[dict], path: str, rng: random.Random, persian: bool, point: Any) -> str:
    out = []
    for entry in _children(fields, path):
        name, kind = entry["name"], entry.get("type", "")
        if name == "meta" and path == "":
            continue
        if kind == "repeat":
            for _row in range(4):
                out.append(f"<{name}>{_xml(fields, entry['path'], rng, persian, point)}</{name}>")
        elif kind == "group":
            out.append(f"<{name}>{_xml(fields, entry['path'], rng, persian, point)}</{name}>")
        elif kind in ("calculate", "note", "image", "audio", "video", "file"):
            out.append(f"<{name}/>")
        else:
            out.append(f"<{name}>{escape(_leaf(entry, rng, persian, point, len(out)))}</{name}>")
    return "".join(out)


def instance_xml(version: FormVersion, *, rng: random.Random, area: Any, instance_id: str) -> bytes:
    geometry = shape(area.geometry) if area.geometry else None
    point = _point_inside(rng, geometry)
    body = _xml(version.fields, "", rng, _persian(area), point)
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{escape(version.form.xml_form_id)}" '
        f'version="{escape(version.version)}">{body}'
        f"<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def _store(version: FormVersion, xml: bytes, instance_id: str, user: Any, campaign: Any) -> None:
    submission = Submission.objects.create(
        form=version.form, instance_id=instance_id, campaign=campaign, submitted_by=user
    )
    stored = SubmissionVersion.objects.create(
        submission=submission,
        instance_id=instance_id,
        form_version=version,
        xml=xml,
        xml_sha256=hashlib.sha256(xml).hexdigest(),
        submitted_by=user,
    )
    Submission.objects.filter(pk=submission.pk).update(current=stored)
    process_version(stored.pk)


def build(
    version: FormVersion,
    areas: Sequence[Any],
    count: int,
    *,
    user: Any = None,
    campaign: Any = None,
    seed: str = "mahalla-demo",
) -> int:
    """Make `count` submissions of `version`, spread evenly over `areas` (polygon areas;
    others are skipped), each at a point inside its area. `user` is the surveyor recorded as
    the sender, `campaign` the campaign they belong to; `seed` makes the run repeatable.
    Returns how many were stored."""
    polygons = [a for a in areas if a.geometry_kind == "polygon"]
    if not polygons or count <= 0:
        return 0
    try:
        from mahalla.surveys.openrosa.intake import receive_submission
    except ImportError:
        receive_submission = None
    rng = random.Random(seed)
    stored = 0
    for index in range(count):
        area = polygons[index % len(polygons)]
        instance_id = f"uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        xml = instance_xml(version, rng=rng, area=area, instance_id=instance_id)
        if receive_submission is not None and (user is not None or campaign is not None):
            result = receive_submission(xml=xml, files=[], user=user, campaign=campaign)
            stored += int(getattr(result, "status", 0) == 201)
        else:
            _store(version, xml, instance_id, user, campaign)
            stored += 1
    return stored
