"""Registry demo data: it comes from survey submissions approved through the same services a
reviewer uses (the survey demo's household reviews, and here community profiles sent and
approved in Khlong Toei and Sanglaj), plus the household follow-up form in the Khlong Toei
campaign. `reset` removes it before the demo's places are removed."""

from __future__ import annotations

from django.db.models import Q

from mahalla.registry.models import Household, SettlementProfile, SpatialUnit


def reset(area_paths: list[str]) -> dict[str, int]:
    in_demo = Q(pk__in=[])
    for path in area_paths:
        in_demo |= Q(area__path__startswith=path)
    from mahalla.registry.models import EvidenceDocument

    # Documents' rows go with their relationships; their files are removed here.
    for document in EvidenceDocument.objects.filter(
        **{"relationship__household__in": Household.objects.filter(in_demo)}
    ):
        document.file.delete(save=False)
    return {
        # Members and tenure relationships go with their households and spatial units.
        "households": Household.objects.filter(in_demo).delete()[0],
        "settlement profiles": SettlementProfile.objects.filter(in_demo).delete()[0],
        "spatial units": SpatialUnit.objects.filter(in_demo).delete()[0],
    }


# Realistic shares for Bangkok's pilot communities and Tehran's neighbourhoods (invented).
_BANGKOK = {
    "land_owner_type": [("state_agency", 5), ("crown_property", 2), ("municipal", 2),
                        ("religious", 1), ("private_individual", 2), ("private_company", 1)],
    "tenure_situation": [("none", 5), ("lease", 3), ("permit", 1), ("title", 1)],
    "eviction_threat": [("none", 5), ("possible", 3), ("notice", 1)],
    "hazards": [("flood", 6), ("fire", 3)],
}  # fmt: skip
_TEHRAN = {
    "land_owner_type": [("private_individual", 5), ("religious", 2), ("municipal", 1),
                        ("state_agency", 1), ("unknown", 1)],
    "tenure_situation": [("title", 3), ("none", 4), ("permit", 1), ("lease", 1)],
    "eviction_threat": [("none", 7), ("possible", 2)],
    "hazards": [("fire", 2), ("flood", 1)],
}  # fmt: skip


def _pick(rng, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _w in weighted], weights=[w for _c, w in weighted])[0]


def _profile(rng, area, shares: dict) -> dict:
    from shapely.geometry import shape

    point = shape(area.geometry).representative_point()
    houses = rng.randint(40, 420)
    households = int(houses * rng.uniform(1.05, 1.45))
    access = ["all", "all", "some", "none"]
    return {
        "community_name": area.name,
        "location": f"{point.y:.6f} {point.x:.6f} 0 5",
        "land": {
            "land_owner_type": _pick(rng, shares["land_owner_type"]),
            "tenure_situation": _pick(rng, shares["tenure_situation"]),
            "eviction_threat": _pick(rng, shares["eviction_threat"]),
        },
        "people": {
            "houses": houses,
            "households": households,
            "population": int(households * rng.uniform(2.8, 4.6)),
        },
        "infrastructure": {
            "water": rng.choice(access[:3]),
            "electricity": rng.choice(access[:3]),
            "drainage": rng.choice(access),
            "access_road_width": f"{rng.uniform(0.8, 6):.1f}",
            "toilets": rng.choice(access[:3]),
            "solid_waste": rng.choice(["collected", "irregular", "none"]),
        },
        "hazards": [c for c, w in shares["hazards"] if rng.random() < w / 10],
        "services": rng.sample(["school", "health", "market", "transport"], rng.randint(1, 3)),
        "community_organisation": rng.choice(["yes", "yes", "no"]),
        "savings_group": rng.choice(["yes", "no"]),
    }


def build_profiles(*, version, areas, campaign, surveyor, reviewer, seed: str) -> int:
    """A community profile for each of `areas` (polygons), sent by `surveyor` through the
    intake and approved by `reviewer`, so the registry is filled by the same services as in
    the field. Safe to run again: instance IDs come from `seed`, and a stored one is skipped."""
    import random
    import uuid

    from mahalla.registry.answers_xml import answers_xml
    from mahalla.surveys.models import ReviewState, Submission
    from mahalla.surveys.openrosa.intake import receive_submission
    from mahalla.surveys.submissions import processing
    from mahalla.surveys.submissions.review import submission_review

    rng = random.Random(seed)
    made = 0
    for area in areas:
        if area.geometry_kind != "polygon":
            continue
        instance_id = f"uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        shares = _TEHRAN if area.name_fa and not area.name_th else _BANGKOK
        answers = _profile(rng, area, shares)
        if Submission.objects.filter(form=version.form, instance_id=instance_id).exists():
            continue
        xml = answers_xml(version, answers, instance_id=instance_id)
        receive_submission(xml=xml, files=[], user=surveyor, campaign=campaign)
        submission = Submission.objects.get(form=version.form, instance_id=instance_id)
        processing.process_version(submission.current_id)
        submission.refresh_from_db()
        if submission.review_state != ReviewState.APPROVED:
            submission_review(submission=submission, user=reviewer, state=ReviewState.APPROVED)
        made += 1
    return made


def build(areas: dict, households: int = 0) -> int:
    """Community profiles for Khlong Toei's communities and for Sanglaj, the follow-up form
    in the Khlong Toei campaign (after the survey demo has made its campaigns), and
    `households` household surveys over the six pilot districts and Tehran's District 12."""
    from mahalla.people.models import User
    from mahalla.places.models import Area
    from mahalla.registry.default_forms import household_update
    from mahalla.surveys.models import Campaign, FormVersion

    community = FormVersion.objects.get(form__xml_form_id="community_profile", state="published")
    kt_communities = Area.objects.filter(
        path__startswith=areas["khlong_toei"].path, level__is_community=True
    ).order_by("path")
    made = 0
    for district, places, surveyor, reviewer, seed in (
        ("khlong_toei", list(kt_communities), "surveyor_klongtoei", "officer_klongtoei", "th"),
        ("tehran_d12", [areas["sanglaj"]], "surveyor_d12", "manager_d12", "fa"),
    ):
        made += build_profiles(
            version=community,
            areas=places,
            campaign=Campaign.objects.filter(area=areas[district]).order_by("pk").first(),
            surveyor=User.objects.get(username=surveyor),
            reviewer=User.objects.get(username=reviewer),
            seed=f"mahalla-demo-profiles-{seed}",
        )
    made += _earlier_round(areas, community, list(kt_communities))
    admin = User.objects.get(username="admin")
    follow_up = household_update.load(area=areas["bangkok"], user=admin)
    kt_campaign = Campaign.objects.filter(area=areas["khlong_toei"]).order_by("pk").first()
    if kt_campaign is not None:
        kt_campaign.form_versions.add(follow_up)
    made += _households(areas, households, admin)
    return made + _evidence(areas)


def _receipt_png(text: str) -> bytes:
    """A drawn stand-in for a photographed rent receipt, marked as demo data."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 471, 291), outline="black", width=3)
    draw.text((24, 24), "DEMO - rent receipt (not a real document)", fill="black")
    draw.text((24, 60), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _evidence(areas: dict, count: int = 3) -> int:
    """Documents attached to the tenure of each demo district's first households, by the
    district's officer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mahalla.people.models import User
    from mahalla.registry import evidence
    from mahalla.registry.models import TenureRelationship, Value

    kind = Value.objects.filter(list="evidence_type", code="other").first()
    made = 0
    for district, officer in (("khlong_toei", "officer_klongtoei"), ("tehran_d12", "manager_d12")):
        user = User.objects.get(username=officer)
        relationships = TenureRelationship.objects.filter(
            household__area__path__startswith=areas[district].path,
            household__is_deleted=False,
        ).order_by("household_id")[:count]
        for relationship in relationships:
            if relationship.documents.exists():  # a second run adds none
                continue
            image = _receipt_png(f"household {relationship.household_id}")
            upload = SimpleUploadedFile(
                f"receipt-{relationship.household_id}.png", image, content_type="image/png"
            )
            evidence.evidence_add(
                user=user, relationship=relationship, uploaded_file=upload, kind=kind
            )
            made += 1
    return made


def _households(areas: dict, count: int, admin) -> int:
    """Most households in Bangkok's pilot communities, a sixth in Tehran's District 12."""
    from mahalla.places.models import Area
    from mahalla.registry import demo_households

    bangkok = Area.objects.filter(
        path__startswith=areas["bangkok"].path, level__is_community=True
    ).order_by("path")
    tehran = Area.objects.filter(parent=areas["tehran_d12"]).order_by("path")
    in_tehran = count // 6
    made = demo_households.build(
        count=count - in_tehran, communities=list(bangkok), sender=admin, reviewer=admin,
        seed="households-bangkok", campaigns=_pilot_campaigns(areas),
    )  # fmt: skip
    made += demo_households.build(
        count=in_tehran, communities=list(tehran), sender=admin, reviewer=admin,
        seed="households-tehran", campaigns=_pilot_campaigns(areas),
    )  # fmt: skip
    return made


def _pilot_campaigns(areas: dict) -> list:
    """The survey rounds households go to: a district's own campaign when it has one (Khlong
    Toei, District 12), else one Bangkok-wide round for the other pilot districts."""
    from mahalla.surveys.models import Campaign, FormVersion

    version = FormVersion.objects.get(form__xml_form_id="household_survey", state="published")
    city, _made = Campaign.objects.get_or_create(
        area=areas["bangkok"],
        name_en="Pilot districts household survey 2569",
        defaults={"name_th": "สำรวจครัวเรือนเขตนำร่อง ๒๕๖๙", "status": Campaign.Status.OPEN},
    )
    city.form_versions.add(version)
    campaigns = list(Campaign.objects.filter(form_versions=version).select_related("area"))
    # The deepest campaign area first: a community goes to its district's round, if any.
    return sorted(campaigns, key=lambda c: -len(c.area.path))


def _earlier_round(areas: dict, version, communities: list) -> int:
    """Khlong Toei's communities surveyed two years earlier too, so the dashboard and the
    report have a change between rounds to show. The round is opened to take the profiles,
    then closed, as a finished campaign is."""
    from datetime import date

    from mahalla.people.models import User
    from mahalla.surveys.models import Campaign

    campaign, _made = Campaign.objects.get_or_create(
        area=areas["khlong_toei"],
        name_en="Khlong Toei community survey 2567",
        defaults={"name_th": "สำรวจข้อมูลชุมชนคลองเตย ๒๕๖๗", "starts_on": date(2024, 6, 1)},
    )
    surveyor = User.objects.get(username="surveyor_klongtoei")
    campaign.form_versions.add(version)
    campaign.surveyors.add(surveyor)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.OPEN)
    campaign.refresh_from_db()
    made = build_profiles(
        version=version,
        areas=communities,
        campaign=campaign,
        surveyor=surveyor,
        reviewer=User.objects.get(username="officer_klongtoei"),
        seed="mahalla-demo-profiles-th-2567",
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.CLOSED, ends_on=date(2024, 12, 31)
    )
    return made
