"""One demo login per role, each with the scope a real person in that role would have."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from mahalla.demo.builder import DemoBuilder
from mahalla.people.models import RoleGrant, User
from mahalla.people.roles import Role

PASSWORD = "mahalla-demo"  # noqa: S105 - printed on purpose; the command refuses production


@dataclass(frozen=True)
class Persona:
    username: str
    role: str
    on: tuple[str, ...]  # keys of areas or organisations the role is granted on
    first_name: str
    last_name: str
    language: str
    superuser: bool = False


PERSONAS: list[Persona] = [
    Persona("admin", Role.ADMIN, ("bangkok", "tehran_province", "sistan_baluchestan"),
            "Demo", "Administrator", "en", superuser=True),
    Persona("staff_codi", Role.PROGRAMME_STAFF, ("bangkok",), "วิภาวรรณ", "ศรีสุข", "th"),
    Persona("officer_klongtoei", Role.DISTRICT_OFFICER, ("khlong_toei",), "สมชาย", "ใจดี", "th"),
    Persona("officer_prawet", Role.DISTRICT_OFFICER, ("prawet",), "มาลี", "รุ่งเรือง", "th"),
    Persona("surveyor_klongtoei", Role.SURVEYOR, ("khlong_toei",), "อนุชา", "แก้วมณี", "th"),
    Persona("leader_lock123", Role.COMMUNITY_LEADER, ("lock_123",), "ประภา", "ทองดี", "th"),
    Persona("treasurer_lock123", Role.TREASURER, ("lock_123",), "บุญมี", "สายทอง", "th"),
    Persona("secretary_tehran", Role.BODY_SECRETARY, ("tehran",), "رضا", "احمدی", "fa"),
    Persona("focal_municipality", Role.FOCAL_POINT, ("tehran_municipality",), "مریم", "کریمی",
            "fa"),
    Persona("focal_social_affairs", Role.FOCAL_POINT, ("social_affairs",), "نرگس", "محمدی",
            "fa"),
    Persona("manager_d12", Role.NEIGHBOURHOOD_MANAGER, ("sanglaj",), "علی", "رضایی", "fa"),
    Persona("surveyor_d12", Role.SURVEYOR, ("tehran_d12",), "مهدی", "حسینی", "fa"),
    Persona("facilitator_moradabad", Role.FACILITATOR, ("moradabad",), "زهرا", "بلوچ", "fa"),
    Persona("auditor_bangkok", Role.AUDITOR, ("bangkok",), "กิตติ", "วงศ์ใหญ่", "th"),
]  # fmt: skip

USERNAMES = [persona.username for persona in PERSONAS]


def build(b: DemoBuilder) -> list[tuple[Persona, list[RoleGrant]]]:
    existing = {user.username: user for user in User.objects.filter(username__in=USERNAMES)}
    missing = [p for p in PERSONAS if p.username not in existing]
    if missing:
        # One hash for all: hashing is deliberately slow, and the password is shared anyway.
        password = make_password(PASSWORD)
        created = User.objects.bulk_create(
            User(
                username=p.username,
                password=password,
                first_name=p.first_name,
                last_name=p.last_name,
                language=p.language,
                is_staff=p.superuser,
                is_superuser=p.superuser,
            )
            for p in missing
        )
        existing.update({user.username: user for user in created})
        b.stats["users created"] += len(created)
    for persona in PERSONAS:
        user = existing[persona.username]
        wanted = {
            "first_name": persona.first_name,
            "last_name": persona.last_name,
            "language": persona.language,
            "is_staff": persona.superuser,
            "is_superuser": persona.superuser,
            "is_active": True,
        }
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        if changed:
            for name in changed:
                setattr(user, name, wanted[name])
            user.save(update_fields=changed)
            b.stats["users updated"] += 1
    admin = existing["admin"]
    logins = []
    for persona in PERSONAS:
        user = existing[persona.username]
        grants = [
            b.grant(user=user, role=persona.role, on=on, granted_by=admin) for on in persona.on
        ]
        logins.append((persona, grants))
    return logins
