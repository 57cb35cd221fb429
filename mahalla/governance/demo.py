"""Demo governance data from the seeds: Iran's and Thailand's work calendars, the body types,
the Tehran county steering council as seed 004 describes it, a neighbourhood board of
trustees, the Khlong Toei housing working group, and the Moradabad facilitation office with
the four resolutions of seed 002. Idempotent: a second run finds what the first made."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import jdatetime
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from mahalla.governance.models import (
    Action,
    ApprovalLevel,
    ApprovalScheme,
    Attendance,
    Body,
    BodyType,
    DevelopmentDocument,
    Holiday,
    Meeting,
    MeetingAttachment,
    Membership,
    Need,
    Resolution,
    SeatRule,
    WorkCalendar,
)
from mahalla.governance.services.documents import decide, submit
from mahalla.governance.services.elections import candidate_add, election_call, paper_result
from mahalla.governance.services.resolutions import progress_report_add, resolution_create
from mahalla.people.models import Organisation, User
from mahalla.places.models import Area

KIND = Organisation.Kind

# Iran's official holidays on fixed Solar Hijri dates (month, day, en, fa). Holidays on lunar
# dates (Tasua, Ashura, the two Eids…) move each year and are entered as announced.
IRAN_FIXED = [
    (1, 1, "Nowruz", "نوروز"),
    (1, 2, "Nowruz", "نوروز"),
    (1, 3, "Nowruz", "نوروز"),
    (1, 4, "Nowruz", "نوروز"),
    (1, 12, "Islamic Republic Day", "روز جمهوری اسلامی"),
    (1, 13, "Nature Day", "روز طبیعت"),
    (3, 14, "Death of Imam Khomeini", "رحلت امام خمینی"),
    (3, 15, "Uprising of 15 Khordad", "قیام ۱۵ خرداد"),
    (11, 22, "Victory of the Revolution", "پیروزی انقلاب اسلامی"),
    (12, 29, "Nationalisation of the oil industry", "ملی شدن صنعت نفت"),
]
# Thailand's holidays on fixed Gregorian dates (month, day, en, th), with the substitution day
# (the next Monday) when one falls on a weekend. Buddhist holidays follow the lunar calendar
# and are entered as the cabinet announces them.
THAI_FIXED = [
    (1, 1, "New Year's Day", "วันขึ้นปีใหม่"),
    (4, 6, "Chakri Day", "วันจักรี"),
    (4, 13, "Songkran", "วันสงกรานต์"),
    (4, 14, "Songkran", "วันสงกรานต์"),
    (4, 15, "Songkran", "วันสงกรานต์"),
    (5, 4, "Coronation Day", "วันฉัตรมงคล"),
    (6, 3, "Queen Suthida's Birthday", "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี"),
    (7, 28, "King's Birthday", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"),
    (8, 12, "Mother's Day", "วันแม่แห่งชาติ"),
    (10, 13, "King Bhumibol Memorial Day", "วันนวมินทรมหาราช"),
    (10, 23, "Chulalongkorn Day", "วันปิยมหาราช"),
    (12, 5, "Father's Day", "วันพ่อแห่งชาติ"),
    (12, 10, "Constitution Day", "วันรัฐธรรมนูญ"),
    (12, 31, "New Year's Eve", "วันสิ้นปี"),
]

# code, en, th, fa, chair, secretary, min, max, civil-society seats, elected, seat rules
BODY_TYPES = [
    ("city_joint_committee", "City joint committee", "คณะกรรมการร่วมระดับเมือง",
     "کمیته مشترک شهر", True, True, 5, 25, 2, False, [(KIND.MUNICIPALITY, 1)]),
    ("county_steering_council", "County steering council",
     "สภาขับเคลื่อนระดับอำเภอ", "شورای راهبری شهرستان", True, True, 5, 20, 2, False,
     [(KIND.GOVERNMENT_AGENCY, 2), (KIND.MUNICIPALITY, 1)]),
    ("county_regeneration_headquarters", "County urban regeneration headquarters",
     "กองอำนวยการฟื้นฟูเมืองระดับอำเภอ", "ستاد بازآفرینی شهری پایدار شهرستان", True, True, 3, 30,
     0, False, []),
    ("province_regeneration_headquarters", "Provincial urban regeneration headquarters",
     "กองอำนวยการฟื้นฟูเมืองระดับจังหวัด", "ستاد بازآفرینی شهری پایدار استان", True, True, 3, 30,
     0, False, []),
    ("provincial_planning_council", "Provincial planning and development council",
     "สภาวางแผนและพัฒนาจังหวัด", "شورای برنامه‌ریزی و توسعه استان", True, True, 3, 40, 0, False,
     []),
    ("district_housing_working_group", "District housing working group",
     "คณะทำงานด้านที่อยู่อาศัยระดับเขต", "کارگروه مسکن منطقه", True, True, 5, 25, 2, False,
     [(KIND.DISTRICT_OFFICE, 1), (KIND.COMMUNITY_NETWORK, 1)]),
    ("board_of_trustees", "Neighbourhood board of trustees", "คณะกรรมการชุมชน",
     "هیئت امنای محله", True, True, 5, 11, 0, True, []),
    ("specialist_working_group", "Specialist working group", "คณะทำงานเฉพาะด้าน",
     "کارگروه تخصصی", True, False, 3, 15, 0, False, []),
    ("facilitation_office", "Facilitation office", "สำนักงานผู้อำนวยความสะดวก",
     "دفتر تسهیلگری", False, False, 1, None, 0, False, []),
    ("community_committee", "Community committee", "คณะกรรมการชุมชน (ระดับชุมชน)",
     "کمیته محلی", True, True, 5, 15, 0, True, []),
]  # fmt: skip


def calendars_build() -> dict[str, WorkCalendar]:
    iran, _ = WorkCalendar.objects.get_or_create(
        code="iran",
        defaults={
            "name_en": "Iran",
            "name_th": "อิหร่าน",
            "name_fa": "ایران",
            "weekend": "5",
            "time_zone": "Asia/Tehran",
        },
    )
    thailand, _ = WorkCalendar.objects.get_or_create(
        code="thailand",
        defaults={
            "name_en": "Thailand",
            "name_th": "ประเทศไทย",
            "name_fa": "تایلند",
            "weekend": "6,7",
            "time_zone": "Asia/Bangkok",
        },
    )
    holidays: list[Holiday] = []
    for year in (1404, 1405, 1406):
        for month, day, en, fa in IRAN_FIXED:
            holidays.append(
                Holiday(
                    calendar=iran,
                    date=jdatetime.date(year, month, day).togregorian(),
                    name_en=en,
                    name_fa=fa,
                )
            )
    for year in (2025, 2026, 2027):
        taken: set[date] = set()
        for month, day, en, th in THAI_FIXED:
            when = date(year, month, day)
            holidays.append(Holiday(calendar=thailand, date=when, name_en=en, name_th=th))
            taken.add(when)
        for month, day, en, th in THAI_FIXED:
            when = date(year, month, day)
            if when.isoweekday() in (6, 7):
                sub = when + timedelta(days=8 - when.isoweekday())
                while sub in taken:
                    sub += timedelta(days=1)
                taken.add(sub)
                holidays.append(
                    Holiday(
                        calendar=thailand,
                        date=sub,
                        name_en=f"Substitution for {en}",
                        name_th=f"วันหยุดชดเชย{th}",
                    )
                )
    Holiday.objects.bulk_create(holidays, ignore_conflicts=True)
    return {"iran": iran, "thailand": thailand}


def body_types_build() -> dict[str, BodyType]:
    types = {}
    for code, en, th, fa, chair, secretary, low, high, civil, elected, seats in BODY_TYPES:
        body_type, created = BodyType.objects.get_or_create(
            code=code,
            defaults={
                "name_en": en,
                "name_th": th,
                "name_fa": fa,
                "requires_chair": chair,
                "requires_secretary": secretary,
                "min_members": low,
                "max_members": high,
                "civil_society_seats": civil,
                "is_elected": elected,
            },
        )
        if created:
            SeatRule.objects.bulk_create(
                SeatRule(body_type=body_type, organisation_kind=kind, seats=n) for kind, n in seats
            )
        types[code] = body_type
    return types


# The four resolutions of seed 002's meeting (text, responsible organisations, period). The
# seed gives a period only for the social annex ("within two weeks"); the others' are ours.
SEED_002_RESOLUTIONS = [
    (
        "سازمان امور اجتماعی کشور برنامه‌های خود را در شورای برنامه‌ریزی استان، به دبیرخانه "
        "ستاد پیشنهاد نماید و هماهنگی لازم را نیز به عمل آورد.",
        ["social_affairs"], 2, "months",
    ),
    (
        "شرح خدمات جدید متناسب با نیاز پروژه در دست اجرا در مرادآباد در قالب تشکیل کمیته کاری "
        "ویژه تهیه شود.",
        ["national_hq_secretariat", "urc_design_office", "social_affairs"], 1, "months",
    ),
    (
        "جلسات هماهنگی به صورت منظم بین دبیرخانه ستاد ملی بازآفرینی شهری پایدار و سازمان "
        "اجتماعی کشور برگزار شود.",
        ["national_hq_secretariat", "social_affairs"], 10, "working_days",
    ),
    (
        "پیوست اجتماعی و فرهنگی محله مرادآباد چابهار توسط سازمان امور اجتماعی کشور طی دو هفته "
        "تهیه و به شرکت بازآفرینی شهری ایران ارسال گردد.",
        ["social_affairs"], 2, "weeks",
    ),
]  # fmt: skip

# Organisations the seeds name, national ones without an area (found again by name).
ORGANISATIONS = [
    ("social_affairs", KIND.GOVERNMENT_AGENCY, None, "Social Affairs Organisation of Iran",
     "سازمان امور اجتماعی کشور"),
    ("national_hq_secretariat", KIND.GOVERNMENT_AGENCY, None,
     "Secretariat of the National Headquarters for Sustainable Urban Regeneration",
     "دبیرخانه ستاد ملی بازآفرینی شهری پایدار"),
    ("urc_design_office", KIND.GOVERNMENT_AGENCY, None,
     "URC Office of Design Supervision Studies",
     "دفتر مطالعات نظارت بر تهیه طرح شرکت بازآفرینی شهری ایران"),
    ("tehran_governorate", KIND.GOVERNMENT_AGENCY, "tehran", "Tehran Governorate",
     "فرمانداری تهران"),
    ("ipo_tehran", KIND.GOVERNMENT_AGENCY, "tehran", "Islamic Propagation Organisation, Tehran",
     "سازمان تبلیغات اسلامی تهران"),
    ("basij_tehran", KIND.GOVERNMENT_AGENCY, "tehran", "Basij District Command, Tehran",
     "ناحیه مقاومت بسیج تهران"),
]  # fmt: skip
AREALESS_ORGANISATIONS = [en for _k, _kind, area, en, _fa in ORGANISATIONS if area is None]


def organisations(b) -> None:
    """Before the personas: a focal point is granted on the Social Affairs Organisation."""
    for key, kind, area, en, fa in ORGANISATIONS:
        b.organisation(key, kind=kind, area=area, name_en=en, name_fa=fa)


def _body(key_fields: dict, **fields) -> Body:
    body = Body.objects.filter(**key_fields).first()
    if body is None:
        body = Body.objects.create(**key_fields, **fields)
    return body


def _members(body: Body, rows: list[tuple], start: date) -> list[Membership]:
    if body.memberships.exists():
        return list(body.memberships.all())
    users = {u.username: u for u in User.objects.filter(username__in=[r[4] for r in rows if r[4]])}
    return Membership.objects.bulk_create(
        Membership(
            body=body,
            person_name=name,
            position=position,
            role=role,
            organisation=org,
            user=users.get(username) if username else None,
            is_civil_society=civil,
            term_start=start,
        )
        for name, position, role, org, username, civil in rows
    )


def _meeting(body: Body, when: datetime, agenda: str, members, present: int, minutes: str = ""):
    meeting = body.meetings.filter(starts_at=when).first()
    if meeting is not None:
        return meeting, False
    meeting = Meeting.objects.create(
        body=body,
        starts_at=when,
        agenda=agenda,
        status=Meeting.Status.HELD if when <= timezone.now() else Meeting.Status.SCHEDULED,
        minutes=minutes,
        minutes_recorded_at=timezone.now() if minutes else None,
        minutes_public=bool(minutes),
    )
    if when <= timezone.now():
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, membership=m, present=i < present)
            for i, m in enumerate(members)
        )
    return meeting, True


def build(areas: dict, orgs: dict, admin: User | None) -> int:
    """Returns how many resolutions were written."""
    calendars = calendars_build()
    types = body_types_build()
    made = 0
    tehran_zone, bangkok_zone = ZoneInfo("Asia/Tehran"), ZoneInfo("Asia/Bangkok")
    today = timezone.now().date()
    term = today - timedelta(days=400)

    # Chabahar: the facilitation office answers to the county headquarters, which answers to
    # the province's (seed 002: local development documents go county → province).
    province_hq = _body(
        {
            "body_type": types["province_regeneration_headquarters"],
            "area": areas["sistan_baluchestan"],
        },
        name_en="Sistan and Baluchestan Urban Regeneration Headquarters",
        name_fa="ستاد بازآفرینی شهری پایدار استان سیستان و بلوچستان",
        calendar=calendars["iran"],
    )
    county_hq = _body(
        {"body_type": types["county_regeneration_headquarters"], "area": areas["chabahar"]},
        name_en="Chabahar County Urban Regeneration Headquarters",
        name_fa="ستاد بازآفرینی شهری پایدار شهرستان چابهار",
        calendar=calendars["iran"],
        parent=province_hq,
    )
    _members(
        province_hq,
        [
            ("علی میرشکار", "استاندار", "chair", None, "", False),
            ("نرگس بامری", "مدیرکل راه و شهرسازی", "secretary", None, "", False),
            ("حسین دهواری", "", "member", None, "", False),
        ],
        term,
    )
    _members(
        county_hq,
        [
            ("محمد ریگی", "فرماندار چابهار", "chair", orgs["chabahar_governorate"], "", False),
            ("زهرا بلوچ", "دفتر تسهیلگری", "secretary", orgs["moradabad_office"],
             "facilitator_moradabad", False),
            ("سعید نوری", "شهردار چابهار", "member", None, "", False),
        ],
        term,
    )  # fmt: skip
    office = _body(
        {"body_type": types["facilitation_office"], "area": areas["moradabad"]},
        name_en="Moradabad Facilitation Office",
        name_fa="دفتر تسهیلگری محله مرادآباد",
        calendar=calendars["iran"],
        parent=county_hq,
        organisation=orgs["moradabad_office"],
    )
    office.target_areas.add(areas["moradabad"], areas["tis"])
    office_members = _members(
        office,
        [
            ("زهرا بلوچ", "مدیر دفتر", "chair", orgs["moradabad_office"], "facilitator_moradabad",
             False),
            ("حبیب خراسانی", "معاون ساماندهی و بازآفرینی شهری", "member", orgs["urc"], "", False),
            ("زهرا اسکندری", "مدیرکل دفتر ستاد ملی", "member", orgs["national_hq_secretariat"],
             "", False),
            ("لیلا باتمانی", "وزارت کشور", "member", None, "", False),
        ],
        term,
    )  # fmt: skip
    # The meeting of seed 002, moved to two weeks ago so its deadlines are live in the demo.
    decided = today - timedelta(days=14)
    meeting, new = _meeting(
        office,
        datetime.combine(decided, time(10, 0), tzinfo=tehran_zone),
        "جایگاه دفاتر تسهیلگری در نظام برنامه و بودجه\nپروژه ساخت هزار واحد مسکونی مرادآباد",
        office_members,
        present=4,
        minutes="نشست هماهنگی درباره برنامه‌های ساماندهی و توانمندسازی محله مرادآباد.",
    )
    if new:
        sheet = "حاضران: زهرا بلوچ، حبیب خراسانی، زهرا اسکندری، لیلا باتمانی\n".encode()
        MeetingAttachment.objects.create(
            meeting=meeting,
            file=ContentFile(sheet, name="attendance.txt"),
            original_name="فهرست حاضران.txt",
            size=len(sheet),
        )
        written = _resolve(office, meeting, admin, orgs, SEED_002_RESOLUTIONS)
        made += len(written)
        written = written[-1]
        # The Social Affairs Organisation's focal point reports on the social annex.
        progress_report_add(
            resolution=written,
            by=User.objects.filter(username="focal_social_affairs").first(),
            organisation=orgs["social_affairs"],
            text="پیش‌نویس پیوست اجتماعی و فرهنگی آماده شد و برای نظرخواهی به دفتر تسهیلگری رفت.",
            status="in_progress",
            attachment=ContentFile(
                "پیوست اجتماعی و فرهنگی محله مرادآباد — پیش‌نویس\n".encode(),
                name="social-annex-draft.txt",
            ),
        )

    made += _development_document(areas, orgs, types, calendars, office, admin, today)

    # Tehran: the county steering council of seed 004 (the governor chairs, the mayor is
    # secretary, two civil-society representatives).
    council = _body(
        {"body_type": types["county_steering_council"], "area": areas["tehran"]},
        name_en="Tehran County Steering Council for Neighbourhood-Centred Management",
        name_fa="شورای راهبری شبکه مدیریت محله‌محور شهرستان تهران",
        calendar=calendars["iran"],
    )
    council_members = _members(
        council,
        [
            ("فرماندار تهران", "فرماندار", "chair", orgs["tehran_governorate"], "", False),
            ("رضا احمدی", "شهردار (نماینده)", "secretary", orgs["tehran_municipality"],
             "secretary_tehran", False),
            ("مدیر سازمان تبلیغات اسلامی", "", "member", orgs["ipo_tehran"], "", False),
            ("فرمانده ناحیه بسیج", "", "member", orgs["basij_tehran"], "", False),
            ("کامبیز کریمی", "معاون سیاسی اجتماعی فرمانداری", "member",
             orgs["tehran_governorate"], "", False),
            ("نماینده تشکل مردمی", "", "member", None, "", True),
        ],
        term,
    )  # fmt: skip
    meeting, new = _meeting(
        council,
        datetime.combine(today - timedelta(days=5), time(9, 30), tzinfo=tehran_zone),
        "ابلاغ وزارت کشور درباره شبکه مدیریت محله‌محور\nارائه شرح وظایف و چارچوب اجرایی",
        council_members,
        present=5,
    )
    if new:
        made += len(
            _resolve(
                council,
                meeting,
                admin,
                orgs,
                [
                    (
                        "شهرداری تهران فهرست سراهای محله آماده پیوستن به شبکه را ارائه کند.",
                        ["tehran_municipality"],
                        10,
                        "working_days",
                    )
                ],
            )
        )
    trustees = _body(
        {"body_type": types["board_of_trustees"], "area": areas["sanglaj"]},
        name_en="Sanglaj Neighbourhood Board of Trustees",
        name_fa="هیئت امنای محله سنگلج",
        calendar=calendars["iran"],
        parent=council,
    )
    _members(
        trustees,
        [
            ("مریم صالحی", "", "chair", None, "", False),
            ("حسن شریفی", "", "secretary", None, "", False),
            ("علی رضایی", "مدیر محله", "manager", orgs["sanglaj_house"], "manager_d12", False),
            ("فاطمه نادری", "", "inspector", None, "", False),
            ("مهدی کاظمی", "", "member", None, "", False),
        ],
        term,
    )  # fmt: skip

    if not trustees.elections.exists():
        # The board's inspector, elected on paper; the count recorded, the term not yet made.
        election = election_call(
            body=trustees, by=admin, position="inspector", seats=1, method="paper",
            called_on=today - timedelta(days=30), voting_on=today - timedelta(days=3),
        )  # fmt: skip
        votes = {}
        for name, age, n in (("فاطمه نادری", 44, 131), ("رضا صدری", 58, 87)):
            candidate = candidate_add(
                election=election, by=admin, person_name=name, age=age, is_resident=True
            )
            votes[candidate.pk] = n
        paper_result(election=election, votes=votes, by=admin)

    # Bangkok: the Khlong Toei district housing working group.
    group = _body(
        {"body_type": types["district_housing_working_group"], "area": areas["khlong_toei"]},
        name_en="Khlong Toei District Housing Working Group",
        name_th="คณะทำงานด้านที่อยู่อาศัยเขตคลองเตย",
        calendar=calendars["thailand"],
    )
    group_members = _members(
        group,
        [
            ("ผู้อำนวยการเขตคลองเตย", "", "chair", orgs["khlong_toei_office"], "", False),
            ("สมชาย ใจดี", "", "secretary", orgs["khlong_toei_office"], "officer_klongtoei",
             False),
            ("วิภาวรรณ ศรีสุข", "", "member", orgs["codi"], "staff_codi", False),
            ("ผู้แทนการเคหะแห่งชาติ", "", "member", orgs["nha"], "", False),
            ("ผู้แทนเครือข่ายชุมชนคลองเตย", "", "member", orgs["kt_network"], "", True),
            ("ประภา ทองดี", "", "member", orgs["lock_123_coop"], "leader_lock123", True),
        ],
        term,
    )  # fmt: skip
    meeting, new = _meeting(
        group,
        datetime.combine(today - timedelta(days=21), time(13, 30), tzinfo=bangkok_zone),
        "ทบทวนฐานข้อมูลชุมชนเขตคลองเตย\nแผนสำรวจชุมชนที่ยังไม่จดทะเบียน",
        group_members,
        present=5,
    )
    _baan_mankong_plan(areas, orgs, types, calendars, group, admin, today)
    if new:
        made += len(_resolve(group, meeting, admin, orgs, [
            ("สำนักงานเขตคลองเตยปรับปรุงฐานข้อมูลชุมชนที่ไม่มีเอกสารสิทธิ์ให้เป็นปัจจุบัน",
             ["khlong_toei_office"], 15, "working_days"),
            ("พอช. ร่วมกับเครือข่ายชุมชนสำรวจชุมชนที่ยังไม่จดทะเบียนทั้งหมดในเขต",
             ["codi", "kt_network"], 2, "months"),
        ]))  # fmt: skip
    return made


def _resolve(body: Body, meeting, admin, orgs: dict, rows: list[tuple]) -> list[Resolution]:
    """Resolutions of a meeting: (text, responsible organisation keys, period, unit)."""
    return [
        resolution_create(
            body=body,
            by=admin,
            meeting=meeting,
            text=text,
            responsible=[orgs[k] for k in responsible],
            period_amount=amount,
            period_unit=unit,
        )
        for text, responsible, amount, unit in rows
    ]


def _development_document(areas, orgs, types, calendars, office, admin, today) -> int:
    """Seed 002's chain: county headquarters → provincial headquarters → provincial planning
    council; Moradabad's document, approved by the county, waiting for the province."""
    scheme, created = ApprovalScheme.objects.get_or_create(
        code="iran_regeneration",
        defaults={
            "name_en": "Urban regeneration (Iran)",
            "name_th": "การฟื้นฟูเมือง (อิหร่าน)",
            "name_fa": "بازآفرینی شهری",
        },
    )
    if created:
        for rank, code in enumerate(
            (
                "county_regeneration_headquarters",
                "province_regeneration_headquarters",
                "provincial_planning_council",
            ),
            start=1,
        ):
            ApprovalLevel.objects.create(scheme=scheme, rank=rank, body_type=types[code])
    _body(
        {"body_type": types["provincial_planning_council"], "area": areas["sistan_baluchestan"]},
        name_en="Sistan and Baluchestan Planning and Development Council",
        name_fa="شورای برنامه‌ریزی و توسعه استان سیستان و بلوچستان",
        calendar=calendars["iran"],
    )
    if DevelopmentDocument.objects.filter(area=areas["moradabad"]).exists():
        return 0
    document = _document(
        area=areas["moradabad"],
        title="سند توسعه محلی مرادآباد",
        body=office,
        scheme=scheme,
        admin=admin,
        today=today,
        orgs=orgs,
        currency="IRR",
        needs=[
            ("water", "آب لوله‌کشی سالم برای خانه‌های بالادست", "آب", "meeting", 212, 5, 3400),
            ("school", "دبستان دخترانه در محله", "آموزش", "suggestion", 148, 4, 900),
            ("road", "آسفالت معبر اصلی و روشنایی", "معابر", "survey", 96, 3, 5200),
            ("jobs", "کارگاه آموزش مهارت برای زنان سرپرست خانوار", "اشتغال", "office", 131, 4, 600),
        ],
        actions=[
            ("water", "اجرای شبکه آب بالادست محله", "urc", "45000000000", 9),
            ("school", "ساخت دبستان دخترانه", "social_affairs", "30000000000", 18),
            ("jobs", "راه‌اندازی کارگاه مهارت‌آموزی", "moradabad_office", "2500000000", 4),
        ],
    )  # fmt: skip
    submit(document=document, by=admin)
    decide(
        document=document,
        rank=1,
        approve=True,
        comment="با اولویت آب موافقت شد.",
        by=admin,
    )
    return 0


def _document(*, area, title, body, scheme, admin, today, orgs, currency, needs, actions):
    """A local development document with its needs (key, text, group, source, votes,
    severity, people) and actions (need key, text, owner key, budget, months)."""
    document = DevelopmentDocument.objects.create(
        kind=DevelopmentDocument.Kind.LOCAL_DEVELOPMENT,
        area=area,
        title=title,
        body=body,
        scheme=scheme,
        created_by=admin,
    )
    made = {}
    for key, text, group, source, votes, severity, people in needs:
        made[key] = Need.objects.create(
            document=document, text=text, group=group, source=source, paper_votes=votes,
            severity=severity, people_affected=people,
        )  # fmt: skip
    Action.objects.bulk_create(
        Action(
            document=document,
            need=made[need],
            text=text,
            owner=orgs[owner],
            budget=Decimal(budget),
            currency=currency,
            starts_on=today,
            ends_on=today + timedelta(days=30 * months),
        )  # fmt: skip
        for need, text, owner, budget, months in actions
    )
    return document


def _baan_mankong_plan(areas, orgs, types, calendars, group, admin, today) -> None:
    """Bangkok's chain: the district housing working group, then the city joint committee;
    Lock 1-2-3's upgrading plan, drafted and not yet sent."""
    scheme, created = ApprovalScheme.objects.get_or_create(
        code="baan_mankong",
        defaults={
            "name_en": "Baan Mankong city-wide upgrading",
            "name_th": "โครงการบ้านมั่นคงทั้งเมือง",
            "name_fa": "بهسازی شهرگستر بان مانکونگ",
        },
    )
    if created:
        ApprovalLevel.objects.create(
            scheme=scheme, rank=1, body_type=types["district_housing_working_group"]
        )
        ApprovalLevel.objects.create(scheme=scheme, rank=2, body_type=types["city_joint_committee"])
    _body(
        {"body_type": types["city_joint_committee"], "area": areas["bangkok"]},
        name_en="Bangkok Joint City Committee",
        name_th="คณะกรรมการร่วมระดับเมืองกรุงเทพมหานคร",
        calendar=calendars["thailand"],
    )
    if DevelopmentDocument.objects.filter(area=areas["lock_123"]).exists():
        return
    _document(
        area=areas["lock_123"],
        title="แผนพัฒนาชุมชนล็อค 1-2-3",
        body=group,
        scheme=scheme,
        admin=admin,
        today=today,
        orgs=orgs,
        currency="THB",
        needs=[
            ("tenure", "สัญญาเช่าที่ดินระยะยาวกับการท่าเรือ", "ที่ดิน", "meeting", 184, 5, 2300),
            ("fire", "ทางหนีไฟและถนนกว้างพอให้รถดับเพลิงเข้าถึง", "ความปลอดภัย", "survey", 121, 5,
             2300),
            ("drain", "ท่อระบายน้ำอุดตันในซอย 3", "สาธารณูปโภค", "suggestion", 64, 3, 450),
        ],
        actions=[
            ("tenure", "เจรจาสัญญาเช่าที่ดิน 30 ปีผ่านสหกรณ์", "lock_123_coop", "0", 12),
            ("fire", "ปรับผังชุมชนและขยายทางเดินหลัก", "codi", "8500000", 18),
        ],
    )  # fmt: skip


def reset(paths: list[str]) -> dict[str, int]:
    """Remove the demo's bodies (and with them meetings and resolutions) in the demo areas."""
    in_demo = Q(pk__in=[])
    for path in paths:
        in_demo |= Q(area__path__startswith=path)
    documents = DevelopmentDocument.objects.filter(
        Q(body__in=Body.objects.filter(in_demo))
        | Q(area__in=Area.objects.filter(Q(pk__in=[]) | _paths_q(paths)))
    )
    documents.delete()
    bodies = Body.objects.filter(in_demo)
    resolutions = Resolution.objects.filter(body__in=bodies).count()
    Body.objects.filter(parent__in=bodies).update(parent=None)
    removed = bodies.delete()[0]
    return {"bodies and their records": removed, "resolutions": resolutions}


def _paths_q(paths: list[str]) -> Q:
    found = Q(pk__in=[])
    for path in paths:
        found |= Q(path__startswith=path)
    return found
