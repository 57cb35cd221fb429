"""A small world shared by all tests: places, organisations and named personas.

The personas are the people we build for; permission tests read as sentences about them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point, box

from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.roles import Role
from mahalla.people.services import organisation_create
from mahalla.places.models import Area, AreaLevel
from mahalla.places.services import area_create, area_level_get_or_create

PASSWORD = "a-long-test-password-1"  # noqa: S105


@dataclass
class World:
    province: AreaLevel
    district: AreaLevel
    neighbourhood: AreaLevel
    community: AreaLevel
    bangkok: Area
    khlong_toei: Area
    pathum_wan: Area
    lock_123: Area  # a registered community in Khlong Toei
    rim_khlong: Area  # an unregistered community in Khlong Toei
    tehran: Area
    tehran_d12: Area
    chabahar: Area
    moradabad: Area
    khlong_toei_office: Organisation
    tehran_municipality: Organisation
    admin: User
    khlong_toei_officer: User
    pathum_wan_officer: User
    treasurer: User
    moradabad_facilitator: User
    tehran_secretary: User
    focal_point: User
    no_role: User


def make_user(username: str, **extra) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **extra)


def grant(user: User, role: str, *, area: Area | None = None, org: Organisation | None = None):
    return RoleGrant.objects.create(user=user, role=role, area=area, organisation=org)


def build_world() -> World:
    province = area_level_get_or_create(
        code="province", rank=10, name_en="Province", name_th="จังหวัด", name_fa="استان"
    )
    district = area_level_get_or_create(
        code="district", rank=30, name_en="District", name_th="เขต", name_fa="منطقه"
    )
    neighbourhood = area_level_get_or_create(
        code="neighbourhood", rank=40, name_en="Neighbourhood", name_th="แขวง", name_fa="محله"
    )
    community = area_level_get_or_create(
        code="community",
        rank=50,
        name_en="Community",
        name_th="ชุมชน",
        name_fa="سکونتگاه",
        is_community=True,
    )
    bangkok = area_create(
        level=province,
        code="10",
        name_en="Bangkok",
        name_th="กรุงเทพมหานคร",
        geometry=box(100.3, 13.5, 100.95, 14.0),
    )
    khlong_toei = area_create(
        level=district,
        parent=bangkok,
        code="1033",
        name_en="Khlong Toei",
        name_th="คลองเตย",
        geometry=box(100.54, 13.69, 100.60, 13.74),
    )
    pathum_wan = area_create(
        level=district,
        parent=bangkok,
        code="1007",
        name_en="Pathum Wan",
        name_th="ปทุมวัน",
        geometry=box(100.51, 13.72, 100.545, 13.76),
    )
    lock_123 = area_create(
        level=community,
        parent=khlong_toei,
        code="KT-01",
        name_en="Lock 1-2-3",
        name_th="ล็อค 1-2-3",
        registration=Area.Registration.REGISTERED,
        geometry=box(100.555, 13.70, 100.565, 13.71),
    )
    rim_khlong = area_create(
        level=community,
        parent=khlong_toei,
        name_th="ริมคลองพระโขนง",
        registration=Area.Registration.UNREGISTERED,
        geometry=Point(100.59, 13.72),
    )
    tehran = area_create(
        level=province,
        code="TEH",
        name_en="Tehran",
        name_fa="تهران",
        geometry=box(51.2, 35.55, 51.6, 35.8),
    )
    tehran_d12 = area_create(
        level=district,
        parent=tehran,
        code="12",
        name_en="District 12",
        name_fa="منطقه ۱۲",
        geometry=box(51.40, 35.66, 51.45, 35.70),
    )
    chabahar = area_create(
        level=province,
        code="CHB",
        name_en="Chabahar",
        name_fa="چابهار",
        geometry=box(60.5, 25.2, 60.8, 25.5),
    )
    moradabad = area_create(
        level=neighbourhood,
        parent=chabahar,
        code="MRD",
        name_en="Moradabad",
        name_fa="مرادآباد",
        geometry=box(60.60, 25.28, 60.63, 25.31),
    )
    kt_office = organisation_create(
        by=None,
        kind=Organisation.Kind.DISTRICT_OFFICE,
        name_en="Khlong Toei District Office",
        name_th="สำนักงานเขตคลองเตย",
        area=khlong_toei,
    )
    tehran_muni = organisation_create(
        by=None,
        kind=Organisation.Kind.MUNICIPALITY,
        name_en="Tehran Municipality",
        name_fa="شهرداری تهران",
        area=None,
    )
    admin = make_user("admin", is_staff=True, is_superuser=True)
    kt_officer = make_user("kt_officer", first_name="Somchai")
    grant(kt_officer, Role.DISTRICT_OFFICER, area=khlong_toei)
    pw_officer = make_user("pw_officer", first_name="Malee")
    grant(pw_officer, Role.DISTRICT_OFFICER, area=pathum_wan)
    treasurer = make_user("treasurer", first_name="Boonmee")
    grant(treasurer, Role.TREASURER, area=lock_123)
    facilitator = make_user("facilitator", first_name="Zahra", language="fa")
    grant(facilitator, Role.FACILITATOR, area=moradabad)
    secretary = make_user("secretary", first_name="Reza", language="fa")
    grant(secretary, Role.BODY_SECRETARY, area=tehran)
    focal = make_user("focal_point", first_name="Maryam")
    grant(focal, Role.FOCAL_POINT, org=tehran_muni)
    no_role = make_user("no_role")
    return World(
        province=province,
        district=district,
        neighbourhood=neighbourhood,
        community=community,
        bangkok=bangkok,
        khlong_toei=khlong_toei,
        pathum_wan=pathum_wan,
        lock_123=lock_123,
        rim_khlong=rim_khlong,
        tehran=tehran,
        tehran_d12=tehran_d12,
        chabahar=chabahar,
        moradabad=moradabad,
        khlong_toei_office=kt_office,
        tehran_municipality=tehran_muni,
        admin=admin,
        khlong_toei_officer=kt_officer,
        pathum_wan_officer=pw_officer,
        treasurer=treasurer,
        moradabad_facilitator=facilitator,
        tehran_secretary=secretary,
        focal_point=focal,
        no_role=no_role,
    )
