"""Build and remove the demo: levels, places in Bangkok, Tehran and Chabahar, organisations,
and one login per role. Everything runs in one transaction and is safe to run again."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError, Q

from mahalla.demo import bangkok, chabahar, personas, tehran
from mahalla.demo.builder import DemoBuilder
from mahalla.governance import demo as governance_demo
from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.places.models import Area, BoundaryImport

# code, rank, English, Thai, Persian, is_community
LEVELS = [
    ("province", 10, "Province", "จังหวัด", "استان", False),
    ("county", 20, "County", "อำเภอ", "شهرستان", False),
    ("district", 30, "District", "เขต", "منطقه", False),
    ("subdistrict", 35, "Sub-district", "แขวง", "ناحیه", False),
    ("neighbourhood", 40, "Neighbourhood", "ย่าน", "محله", False),
    ("community", 50, "Community", "ชุมชน", "سکونتگاه", True),
]

# The roots the demo owns, found by level and English name (Bangkok also by its code).
ROOTS = Q(code="10", name_en="Bangkok") | Q(name_en__in=["Tehran", "Sistan and Baluchestan"])


@dataclass
class DemoResult:
    builder: DemoBuilder
    logins: list


@transaction.atomic
def demo_data_build(households: int = 0) -> DemoResult:
    b = DemoBuilder()
    for code, rank, name_en, name_th, name_fa, is_community in LEVELS:
        b.level(
            code,
            rank=rank,
            name_en=name_en,
            name_th=name_th,
            name_fa=name_fa,
            is_community=is_community,
        )
    bangkok.build(b)
    tehran.build(b)
    chabahar.build(b)
    governance_demo.organisations(b)
    logins = personas.build(b)
    from mahalla.surveys import demo as surveys_demo  # the demo sits above every app

    made = surveys_demo.build(b.areas)["submissions"]
    from mahalla.registry import demo as registry_demo

    made += registry_demo.build(b.areas, households=households)
    if made:
        b.stats["survey submissions"] += made
    admin = User.objects.filter(username="admin").first()
    resolutions = governance_demo.build(b.areas, b.organisations, admin)
    if resolutions:
        b.stats["resolutions"] += resolutions
    from mahalla.savings import demo as savings_demo

    groups = savings_demo.build(b.areas, b.organisations, admin)
    if groups:
        b.stats["savings groups"] += groups
    return DemoResult(builder=b, logins=logins)


class DemoResetBlocked(Exception):
    """Other records refer to demo places, so removing them would lose real data."""


@transaction.atomic
def demo_data_reset() -> dict[str, int]:
    """Remove the demo's users, organisations and places (levels stay; they are shared)."""
    roots = Area.objects.filter(ROOTS, parent__isnull=True, level__code="province")
    paths = list(roots.values_list("path", flat=True))
    in_demo = Q(pk__in=[])
    for path in paths:
        in_demo |= Q(path__startswith=path)
    areas = Area.objects.filter(in_demo)
    organisations = Organisation.objects.filter(
        Q(area__in=areas)
        | Q(name_en__in=tehran.AREALESS_ORGANISATIONS)
        | Q(name_en__in=governance_demo.AREALESS_ORGANISATIONS)
    )
    try:
        from mahalla.registry import demo as registry_demo
        from mahalla.savings import demo as savings_demo
        from mahalla.surveys import demo as surveys_demo

        saved = savings_demo.reset(paths)
        governed = governance_demo.reset(paths)
        registered = registry_demo.reset(paths)
        surveyed = surveys_demo.reset(paths)
        return {
            **saved,
            **{f"governance {k}": v for k, v in governed.items()},
            **{f"registry {k}": v for k, v in registered.items()},
            **{f"survey {k}": v for k, v in surveyed.items()},
            **_delete(areas, organisations),
        }
    except ProtectedError as exc:
        raise DemoResetBlocked(str(exc)) from exc


def _delete(areas, organisations) -> dict[str, int]:
    counts = {
        "role grants": RoleGrant.objects.filter(
            Q(area__in=areas)
            | Q(organisation__in=organisations)
            | Q(user__username__in=personas.USERNAMES)
        ).delete()[0],
        "users": User.objects.filter(username__in=personas.USERNAMES).delete()[0],
        "boundary imports": BoundaryImport.objects.filter(parent__in=areas).delete()[0],
        "organisations": organisations.delete()[0],
    }
    removed = 0
    # Parents are protected while they have children: remove the deepest first.
    for depth in sorted(set(areas.values_list("depth", flat=True)), reverse=True):
        removed += areas.filter(depth=depth).delete()[0]
    counts["areas"] = removed
    return counts
