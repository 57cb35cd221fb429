"""Objects the permission matrix (tests/test_permission_matrix.py) needs for the governance
URLs: the Khlong Toei housing working group with one held meeting (quorum present), one
resolution for the district office, and a progress report with an attachment.

Each helper may be called several times in one test (once per persona): it makes its objects
once and finds them again after that.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mahalla.governance.demo import body_types_build, calendars_build
from mahalla.governance.models import Attendance, Body, Meeting, Membership, ProgressReport
from mahalla.governance.services.bodies import membership_add
from mahalla.governance.services.resolutions import progress_report_add, resolution_create

BODY_NAME = "Khlong Toei Housing Working Group (matrix)"


def body(world) -> Body:
    found = Body.objects.filter(name_en=BODY_NAME).first()
    if found is not None:
        return found
    made = Body.objects.create(
        body_type=body_types_build()["district_housing_working_group"],
        area=world.khlong_toei,
        name_en=BODY_NAME,
        name_th="คณะทำงานที่อยู่อาศัยเขตคลองเตย",
        calendar=calendars_build()["thailand"],
    )
    start = date(2025, 1, 1)
    for name, role in (("ประธาน", "chair"), ("เลขานุการ", "secretary"), ("กรรมการ", "member")):
        membership_add(body=made, by=None, person_name=name, role=role, term_start=start)
    return made


def meeting(world) -> Meeting:
    b = body(world)
    found = b.meetings.first()
    if found is not None:
        return found
    made = Meeting.objects.create(
        body=b, starts_at=timezone.now() - timedelta(days=1), status=Meeting.Status.HELD
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=made, membership=m, present=True) for m in b.memberships.all()
    )
    return made


def resolution(world):
    m = meeting(world)
    found = m.resolutions.first()
    if found is not None:
        return found
    return resolution_create(
        body=m.body,
        by=None,
        meeting=m,
        text="ปรับปรุงฐานข้อมูลชุมชน",
        responsible=[world.khlong_toei_office],
        period_amount=15,
        period_unit="working_days",
    )


def report(world) -> ProgressReport:
    r = resolution(world)
    found = r.reports.first()
    if found is not None:
        return found
    return progress_report_add(
        resolution=r,
        by=world.khlong_toei_officer,
        text="เริ่มแล้ว",
        attachment=SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg"),
    )


def kt_body(world) -> dict[str, Any]:
    return {"pk": body(world).pk}


def with_kt_body(world) -> dict[str, Any]:
    body(world)
    return {}


def kt_membership(world) -> dict[str, Any]:
    return {"pk": body(world).memberships.order_by("pk").first().pk}


def kt_meeting(world) -> dict[str, Any]:
    return {"pk": meeting(world).pk}


def kt_resolution(world) -> dict[str, Any]:
    return {"pk": resolution(world).pk}


def kt_report(world) -> dict[str, Any]:
    return {"pk": report(world).pk}


def kt_office(world) -> dict[str, Any]:
    resolution(world)
    return {"pk": world.khlong_toei_office.pk}


def membership_data(world) -> dict[str, Any]:
    return {"person_name": "Matrix Member", "role": "member", "term_start": "2025-01-01"}


def meeting_data(world) -> dict[str, Any]:
    return {"day": "2026-12-01", "at": "14:30", "location": "Matrix Hall"}


def attendance_data(world) -> dict[str, Any]:
    m = meeting(world)
    return {f"m{ms.pk}": "on" for ms in m.body.memberships.all()[:1]}


def resolution_data(world) -> dict[str, Any]:
    return {
        "text": "Matrix resolution",
        "responsible": [world.khlong_toei_office.pk],
        "period_amount": "2",
        "period_unit": "weeks",
    }


def edit_data(world) -> dict[str, Any]:
    r = resolution(world)
    return {
        "version": str(r.version),
        "text": "Changed by the matrix",
        "deadline": "2028-01-01",
        "status": "in_progress",
    }


# What a refused write must leave as it was. The matrix reads these before it builds the URL,
# so each first makes the objects (a count taken before they exist would change anyway).


def count(model):
    def _count(world) -> int:
        report(world)
        return model.objects.count()

    return _count


def memberships(world) -> int:
    body(world)
    return Membership.objects.count()


def terms_ended(world) -> int:
    body(world)
    return Membership.objects.filter(term_end__isnull=False).count()


def attendance_present(world) -> list:
    meeting(world)
    return sorted(Attendance.objects.values_list("membership_id", "present"))


def minutes(world) -> list:
    meeting(world)
    return list(Meeting.objects.values_list("minutes", flat=True))


def resolution_texts(world) -> list:
    from mahalla.governance.models import Resolution

    resolution(world)
    return sorted(Resolution.objects.values_list("text", "status", "version"))


def feed(world) -> dict[str, Any]:
    from mahalla.governance.services.feeds import feed_token

    return {"token": feed_token(world.khlong_toei_officer).token}


def feed_tokens(world) -> list:
    from mahalla.governance.models import FeedToken

    return sorted(FeedToken.objects.values_list("user_id", "token"))


# -- development documents: a draft (edits, votes) and one waiting for the group's decision


def document(world, *, submitted: bool = False):
    from mahalla.governance.models import ApprovalLevel, ApprovalScheme, DevelopmentDocument
    from mahalla.governance.services import documents as services

    title = "Matrix document (submitted)" if submitted else "Matrix document"
    found = DevelopmentDocument.objects.filter(title=title).first()
    if found is not None:
        return found
    b = body(world)
    scheme, created = ApprovalScheme.objects.get_or_create(code="matrix", name_en="Matrix")
    if created:
        ApprovalLevel.objects.create(scheme=scheme, rank=1, body_type=b.body_type)
    made = DevelopmentDocument.objects.create(
        kind="local_development", area=world.khlong_toei, title=title, body=b, scheme=scheme
    )
    services.need_add(document=made, by=None, text="Drainage", group="water", source="meeting")
    services.action_add(
        document=made,
        by=None,
        text="Clean the canal",
        owner=world.khlong_toei_office,
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 3, 1),
    )
    if submitted:
        services.submit(document=made, by=None)
    return made


def kt_document(world) -> dict[str, Any]:
    return {"pk": document(world).pk}


def kt_submitted(world) -> dict[str, Any]:
    return {"pk": document(world, submitted=True).pk}


def kt_need(world) -> dict[str, Any]:
    return {"pk": document(world).needs.first().pk}


def with_documents(world) -> dict[str, Any]:
    document(world)
    return {}


def document_state(world) -> list:
    from mahalla.governance.models import DevelopmentDocument, NeedVote

    document(world)
    document(world, submitted=True)
    rows = DevelopmentDocument.objects.values_list("pk", "status", "current_rank")
    return [
        sorted(rows),
        DevelopmentDocument.objects.filter(needs__isnull=False).count(),
        sorted(
            DevelopmentDocument.objects.values_list("actions__text", flat=True).exclude(
                actions__text=None
            )
        ),
        NeedVote.objects.count(),
    ]


def need_data(world) -> dict[str, Any]:
    return {"text": "Matrix need", "group": "roads", "source": "office", "paper_votes": "3",
            "severity": "2", "people_affected": "40"}  # fmt: skip


def action_data(world) -> dict[str, Any]:
    return {"text": "Matrix action", "owner": world.khlong_toei_office.pk, "budget": "1000",
            "currency": "THB", "starts_on": "2027-01-01", "ends_on": "2027-02-01"}  # fmt: skip


# -- elections: a community committee of Lock 1-2-3's district (an elected body)


def election(world):
    from mahalla.governance.models import Election
    from mahalla.governance.services import elections as services

    found = Election.objects.first()
    if found is not None:
        return found
    board = Body.objects.filter(name_en="Matrix committee").first() or Body.objects.create(
        body_type=body_types_build()["community_committee"],
        area=world.khlong_toei,
        name_en="Matrix committee",
        calendar=calendars_build()["thailand"],
    )
    made = services.election_call(
        body=board, by=None, position="member", seats=1, method="paper",
        called_on=date(2026, 11, 1), voting_on=date(2026, 11, 20),
    )  # fmt: skip
    services.candidate_add(election=made, by=None, person_name="Matrix", age=40, is_resident=True)
    return made


def kt_election(world) -> dict[str, Any]:
    return {"pk": election(world).pk}


def election_state(world) -> list:
    from mahalla.governance.models import Candidate

    e = election(world)
    e.refresh_from_db()
    return [e.status, sorted(Candidate.objects.values_list("person_name", "paper_votes"))]


def elections(world) -> int:
    from mahalla.governance.models import Election

    body(world)
    return Election.objects.count()


def holiday(world) -> dict[str, Any]:
    calendar = calendars_build()["thailand"]
    return {"pk": calendar.holidays.order_by("date").first().pk}


def thai_calendar(world) -> dict[str, Any]:
    return {"pk": calendars_build()["thailand"].pk}


def holidays(world) -> list:
    from mahalla.governance.models import Holiday

    calendars_build()
    return sorted(Holiday.objects.values_list("calendar_id", "date"))


def meeting_file(world) -> dict[str, Any]:
    from mahalla.governance.models import MeetingAttachment

    m = meeting(world)
    found = m.attachments.first() or MeetingAttachment.objects.create(
        meeting=m,
        file=SimpleUploadedFile("sheet.pdf", b"%PDF-1.4 matrix"),
        original_name="sheet.pdf",
        size=15,
    )
    return {"pk": found.pk}


def meeting_files(world) -> int:
    meeting(world)
    from mahalla.governance.models import MeetingAttachment

    return MeetingAttachment.objects.count()


def body_data(world) -> dict[str, Any]:
    b = body(world)
    return {
        "body_type": b.body_type_id,
        "area": world.khlong_toei.pk,
        "name_en": "Matrix body (changed)",
        "calendar": b.calendar_id,
    }


def bodies(world) -> list:
    body(world)
    return sorted(Body.objects.values_list("pk", "name_en", "area_id"))
