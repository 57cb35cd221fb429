"""Demo households: survey submissions of the default household form, sent and approved
through the same services as in the field, spread over the demo's communities.

`build(count, seed)` makes `count` households (members, tenure, income, house condition)
at points inside the communities' outlines, Thai names in Bangkok and Persian ones in
Tehran; instance IDs come from the seed, so a second run adds only what is missing, and a
larger `count` adds the difference (`manage.py demo_data --households N`).
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from shapely.geometry import Point

THAI_GIVEN = ["สมชาย", "สมหญิง", "มานี", "ประภา", "บุญมี", "วิไล", "สุนทร", "อำไพ", "ชัยวัฒน์",
              "นงลักษณ์", "ประเสริฐ", "จันทร์เพ็ญ"]  # fmt: skip
THAI_FAMILY = ["ใจดี", "รักดี", "มีสุข", "ศรีสุข", "บุญมา", "แสงทอง", "พึ่งบุญ", "ทองคำ"]
PERSIAN_GIVEN = ["علی", "فاطمه", "رضا", "مریم", "حسین", "زهرا", "محمد", "سکینه", "مهدی", "نرگس"]
PERSIAN_FAMILY = ["کریمی", "حسینی", "رضایی", "محمدی", "احمدی", "نوری", "کاظمی", "صادقی"]
TENURE = [("owner", 2), ("tenant", 4), ("sub_tenant", 2), ("occupant", 5), ("cooperative", 1)]
INCOME = [("very_low", 3), ("low", 4), ("middle", 2), ("above", 1)]
CONDITION = [("good", 3), ("needs_repair", 5), ("dilapidated", 2)]
OCCUPATION = ["employee", "daily_labour", "trader", "own_business", "unemployed", "other"]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _w in weighted], weights=[w for _c, w in weighted])[0]


def _point_inside(rng: random.Random, shape) -> tuple[float, float]:
    min_x, min_y, max_x, max_y = shape.bounds
    for _attempt in range(50):
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shape.contains(Point(x, y)):
            return x, y
    point = shape.representative_point()
    return point.x, point.y


def answers(rng: random.Random, shape, persian: bool) -> dict[str, Any]:
    given, family = (PERSIAN_GIVEN, PERSIAN_FAMILY) if persian else (THAI_GIVEN, THAI_FAMILY)
    surname = rng.choice(family)
    size = rng.choices(range(1, 8), weights=[8, 14, 20, 22, 16, 12, 8])[0]
    head_age = rng.randint(22, 88)
    members = []
    for position in range(size):
        age = head_age if position == 0 else rng.choice([rng.randint(0, 17), rng.randint(18, 85)])
        member = {
            "member_name": f"{rng.choice(given)} {surname}",
            "age": age,
            "sex": rng.choice(["female", "male"]),
            "disability": "yes" if rng.random() < 0.06 else "no",
            "chronic_illness": "yes" if rng.random() < 0.12 else "no",
        }
        # The form asks these only when they apply (its `relevant` columns).
        if age >= 60:
            member["elderly_alone"] = "yes" if size == 1 else "no"
        if age >= 15:
            member["occupation"] = "retired" if age >= 65 else rng.choice(OCCUPATION)
        if 5 <= age < 15:
            member.pop("occupation", None)
        members.append(member)
    x, y = _point_inside(rng, shape)
    return {
        "location": f"{y:.6f} {x:.6f} 0 8",
        "head_name": members[0]["member_name"],
        "members": members,
        "income_band": _pick(rng, INCOME),
        "house_condition": _pick(rng, CONDITION),
        "tenure": _pick(rng, TENURE),
        "savings_member": rng.choice(["yes", "no"]),
    }


def instance_ids(count: int, seed: str) -> list[str]:
    """The instance IDs `build` gives its households, in order (reproducible from `seed`)."""
    rng = random.Random(f"mahalla-demo-{seed}")
    return [f"uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}" for _ in range(count)]


def build(
    *,
    count: int,
    communities: list,
    sender,
    reviewer,
    seed: str = "households",
    campaigns: list | None = None,
) -> int:
    """Up to `count` households over `communities` (areas with polygons), round-robin; each
    goes to the first of `campaigns` whose area holds its community."""
    from shapely.geometry import shape

    from mahalla.registry.answers_xml import answers_xml
    from mahalla.surveys.models import FormVersion, ReviewState, Submission
    from mahalla.surveys.openrosa.intake import receive_submission
    from mahalla.surveys.submissions import processing
    from mahalla.surveys.submissions.review import submission_review

    places = [(a, shape(a.geometry)) for a in communities if a.geometry_kind == "polygon"]
    if not places or count <= 0:
        return 0
    version = FormVersion.objects.get(form__xml_form_id="household_survey", state="published")
    ids = instance_ids(count, seed)
    stored = set(
        Submission.objects.filter(form=version.form, instance_id__in=ids).values_list(
            "instance_id", flat=True
        )
    )
    made = 0
    for index, instance_id in enumerate(ids):
        area, outline = places[index % len(places)]
        persian = bool(area.name_fa and not area.name_th)
        household = answers(random.Random(instance_id), outline, persian)
        if instance_id in stored:
            continue
        xml = answers_xml(version, household, instance_id=instance_id)
        campaign = next((c for c in campaigns or [] if area.path.startswith(c.area.path)), None)
        receive_submission(xml=xml, files=[], user=sender, campaign=campaign)
        submission = Submission.objects.get(form=version.form, instance_id=instance_id)
        processing.process_version(submission.current_id)
        submission.refresh_from_db()
        if submission.review_state != ReviewState.APPROVED:
            submission_review(submission=submission, user=reviewer, state=ReviewState.APPROVED)
        made += 1
    return made
