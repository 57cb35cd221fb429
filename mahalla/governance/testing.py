"""Helpers for governance tests: the demo's calendars and body types, and a body with a
chair, a secretary and members, on the shared test world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import Body, Membership
from mahalla.governance.services.bodies import membership_add
from mahalla.people.models import Organisation, User
from mahalla.people.roles import Role
from mahalla.testing import World, grant, make_user


@dataclass
class Council:
    """A Tehran council (chair, secretary with accounts, three more members) under a province
    body (its own chair and secretary), and two agencies with a focal point each."""

    body: Body
    parent: Body
    chair: User
    secretary: User
    parent_chair: User
    parent_secretary: User
    social: Organisation
    municipality: Organisation
    social_focal: User
    members: list[Membership]


def make_council(
    world: World, *, start: date = date(2025, 1, 1), calendar: str = "iran"
) -> Council:
    calendars = calendars_build()
    types = body_types_build()
    parent = Body.objects.create(
        body_type=types["province_regeneration_headquarters"],
        area=world.tehran,
        name_en="Tehran Province Headquarters",
        name_fa="ستاد استان تهران",
        calendar=calendars[calendar],
    )
    body = Body.objects.create(
        body_type=types["county_steering_council"],
        area=world.tehran,
        name_en="Tehran County Steering Council",
        name_fa="شورای راهبری شهرستان تهران",
        calendar=calendars[calendar],
        parent=parent,
    )
    social = Organisation.objects.create(
        kind=Organisation.Kind.GOVERNMENT_AGENCY,
        name_en="Social Affairs Organisation",
        name_fa="سازمان امور اجتماعی",
    )
    chair = make_user("council_chair", email="chair@example.org", language="fa")
    secretary = world.tehran_secretary
    secretary.email = "secretary@example.org"
    secretary.save(update_fields=["email"])
    parent_chair = make_user("province_chair", email="pchair@example.org", language="fa")
    parent_secretary = make_user("province_secretary", language="en")
    social_focal = make_user("social_focal", email="focal@example.org", language="fa")
    grant(social_focal, Role.FOCAL_POINT, org=social)
    members = [
        membership_add(body=body, by=None, person_name="فرماندار", role="chair", user=chair,
                       term_start=start),
        membership_add(body=body, by=None, person_name="رضا احمدی", role="secretary",
                       user=secretary, organisation=world.tehran_municipality, term_start=start),
    ]  # fmt: skip
    for i, name in enumerate(("عضو یک", "عضو دو", "عضو سه")):
        members.append(
            membership_add(
                body=body,
                by=None,
                person_name=name,
                role="member",
                is_civil_society=i < 2,
                term_start=start,
            )
        )
    membership_add(body=parent, by=None, person_name="استاندار", role="chair", user=parent_chair,
                   term_start=start)  # fmt: skip
    membership_add(body=parent, by=None, person_name="دبیر ستاد", role="secretary",
                   user=parent_secretary, term_start=start)  # fmt: skip
    return Council(
        body=body,
        parent=parent,
        chair=chair,
        secretary=secretary,
        parent_chair=parent_chair,
        parent_secretary=parent_secretary,
        social=social,
        municipality=world.tehran_municipality,
        social_focal=social_focal,
        members=members,
    )


def tehran_time(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Asia/Tehran"))


def days(n: int) -> timedelta:
    return timedelta(days=n)


def make_working_group(world: World, *, start: date = date(2025, 1, 1)) -> Body:
    """The Khlong Toei housing working group (Thai calendar): the district officer is its
    secretary; five members, two of them for the community network."""
    calendars = calendars_build()
    types = body_types_build()
    body = Body.objects.create(
        body_type=types["district_housing_working_group"],
        area=world.khlong_toei,
        name_en="Khlong Toei Housing Working Group",
        name_th="คณะทำงานด้านที่อยู่อาศัยเขตคลองเตย",
        calendar=calendars["thailand"],
    )
    rows = [
        ("ผู้อำนวยการเขต", "chair", None, False),
        ("สมชาย ใจดี", "secretary", world.khlong_toei_officer, False),
        ("ผู้แทน พอช.", "member", None, False),
        ("ผู้แทนเครือข่ายชุมชน", "member", None, True),
        ("ผู้แทนชุมชนล็อค 1-2-3", "member", None, True),
    ]
    for name, role, user, civil in rows:
        membership_add(
            body=body,
            by=None,
            person_name=name,
            role=role,
            user=user,
            organisation=world.khlong_toei_office if role == "secretary" else None,
            is_civil_society=civil,
            term_start=start,
        )
    return body
