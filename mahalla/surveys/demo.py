"""Survey demo data: the two default forms, a city-wide campaign in Khlong Toei with its
targets and two phones (app users), a few hundred household submissions spread over its
communities (some reviewed), and one finished export; and a Persian campaign in Tehran's
district 12 with its own surveyor and a few reviews in Sanglaj. Safe to run again."""

from __future__ import annotations

from typing import Any

from mahalla.people.models import User
from mahalla.places.models import Area

SUBMISSIONS = 240
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


def build(areas: dict[str, Area]) -> dict[str, Any]:
    from mahalla.surveys import demo_walk
    from mahalla.surveys.campaigns import demo as campaigns_demo
    from mahalla.surveys.exports import demo as exports_demo
    from mahalla.surveys.forms import demo as forms_demo
    from mahalla.surveys.models import SubmissionVersion
    from mahalla.surveys.openrosa import demo as openrosa_demo
    from mahalla.surveys.submissions import demo as submissions_demo
    from mahalla.surveys.submissions import processing

    admin = User.objects.get(username="admin")
    officer = User.objects.get(username="officer_klongtoei")
    surveyor = User.objects.get(username="surveyor_klongtoei")
    bangkok, khlong_toei = areas["bangkok"], areas["khlong_toei"]

    community, household = forms_demo.build(area=bangkok, user=admin)
    walk = demo_walk.build(area=khlong_toei, owner=bangkok, user=admin)
    campaign = campaigns_demo.build(khlong_toei, [community, household, walk], user=officer)
    if not campaign.surveyors.filter(pk=surveyor.pk).exists():
        campaign.surveyors.add(surveyor)
    phones = openrosa_demo.build(campaign, user=officer)
    places = list(
        Area.objects.filter(
            path__startswith=khlong_toei.path, level__is_community=True, geometry_kind="polygon"
        ).order_by("path")
    )
    made = submissions_demo.build(household, places, SUBMISSIONS, user=surveyor, campaign=campaign)
    # Parsed and placed now, so the demo's pages are complete before the worker starts (the
    # intake's own queued processing runs after the demo's transaction and changes nothing).
    unparsed = SubmissionVersion.objects.filter(submission__campaign=campaign, parsed_at=None)
    processing.process_versions(list(unparsed.values_list("pk", flat=True)))
    _import_old_list(officer, household)
    _review(officer, campaign)
    _reread(officer, household.form)
    # One finished export (the export page's history is not empty); no extra submissions.
    exports_demo.build(khlong_toei, user=officer, submissions=0, form_id=household.form.xml_form_id)
    made += _tehran(areas, [community, household], household, admin)
    return {"campaign": campaign, "app_users": len(phones), "submissions": made}


TEHRAN_SUBMISSIONS = 60


def _tehran(areas: dict[str, Area], versions: list, household, admin: User) -> int:
    """A Persian campaign: Tehran's district 12 surveys its neighbourhoods with the same
    default forms; its surveyor fills them, and Sanglaj's neighbourhood manager reviews."""
    from mahalla.surveys.campaigns import demo as campaigns_demo
    from mahalla.surveys.models import SubmissionVersion
    from mahalla.surveys.submissions import demo as submissions_demo
    from mahalla.surveys.submissions import processing

    district = areas["tehran_d12"]
    surveyor = User.objects.get(username="surveyor_d12")
    campaign = campaigns_demo.build(district, versions, user=admin)
    if not campaign.surveyors.filter(pk=surveyor.pk).exists():
        campaign.surveyors.add(surveyor)
    places = list(
        Area.objects.filter(
            path__startswith=district.path, level__code="neighbourhood", geometry_kind="polygon"
        ).order_by("path")
    )
    made = submissions_demo.build(
        household,
        places,
        TEHRAN_SUBMISSIONS,
        user=surveyor,
        campaign=campaign,
        seed="mahalla-demo-tehran",  # instance IDs of their own, not Khlong Toei's again
    )
    unparsed = SubmissionVersion.objects.filter(submission__campaign=campaign, parsed_at=None)
    processing.process_versions(list(unparsed.values_list("pk", flat=True)))
    _review_sanglaj(campaign, areas["sanglaj"])
    return made


def _review_sanglaj(campaign, sanglaj: Area) -> None:
    from mahalla.surveys.models import ReviewState
    from mahalla.surveys.submissions.review import submission_review

    manager = User.objects.get(username="manager_d12")
    mine = campaign.submissions.filter(area__path__startswith=sanglaj.path).order_by("pk")
    if mine.exclude(review_state=ReviewState.RECEIVED).exists():
        return
    plan = [(ReviewState.APPROVED, "")] * 4 + [
        (ReviewState.HAS_ISSUES, "نشانی خانوار کامل نیست؛ لطفاً پلاک را اضافه کنید."),
    ]
    for submission, (state, comment) in zip(mine[: len(plan)], plan, strict=False):
        submission_review(submission=submission, user=manager, state=state, comment=comment)


def _review(officer: User, campaign) -> None:
    """Review the first submissions once, so the list shows every state (not on a re-run)."""
    from mahalla.surveys.models import ReviewState
    from mahalla.surveys.submissions.review import submission_review

    fresh = campaign.submissions.filter(review_state=ReviewState.RECEIVED).order_by("pk")
    if campaign.submissions.exclude(review_state=ReviewState.RECEIVED).exists():
        return
    plan = [(ReviewState.APPROVED, "")] * 30 + [
        (ReviewState.HAS_ISSUES, "จำนวนสมาชิกไม่ตรงกับทะเบียนบ้าน กรุณาตรวจสอบอีกครั้ง"),
        (ReviewState.REJECTED, "ส่งซ้ำกับครัวเรือนเดิม"),
    ] * 3
    for submission, (state, comment) in zip(fresh[: len(plan)], plan, strict=False):
        submission_review(submission=submission, user=officer, state=state, comment=comment)


# A district's household list of last year, typed in a spreadsheet (Thai headers).
OLD_LIST_HEADER = ["ชื่อหัวหน้าครัวเรือน", "ละติจูด", "ลองจิจูด", "การครอบครองบ้าน"]
OLD_LIST = [
    ["สมศรี ใจงาม", "13.7105", "100.5601", "ผู้เช่า"],
    ["ประยูร แสงทอง", "13.7112", "100.5612", "เจ้าของ"],
    ["บุญเรือน คำดี", "13.7098", "100.5594", "ผู้อยู่อาศัยโดยไม่มีเอกสารสิทธิ์"],
]


def _import_old_list(officer: User, household) -> None:
    from django.test.utils import override_settings

    from mahalla.surveys.imports import demo as imports_demo

    # Checked and written now, not by the worker later: the demo shows a finished import.
    with override_settings(TASKS=IMMEDIATE_TASKS):
        imports_demo.build(
            version=household,
            user=User.objects.get(username="admin"),
            header=OLD_LIST_HEADER,
            rows=OLD_LIST,
            name="ทะเบียนครัวเรือน-คลองเตย-2568.csv",
        )


def _reread(officer: User, form) -> None:
    """One finished "read again" job, as after a change of the parsing rules (once)."""
    from mahalla.surveys.models import SubmissionJob
    from mahalla.surveys.submissions.jobs import job_start

    if not SubmissionJob.objects.filter(form=form).exists():
        job_start(kind=SubmissionJob.Kind.REPARSE, user=officer, form=form)


def reset(area_paths: list[str]) -> dict[str, int]:
    """Remove the survey records of the demo's places (before the places themselves)."""
    from django.db.models import Q

    from mahalla.surveys.models import Campaign, ExportJob, Form, Submission, SurveyImport

    in_demo = Q(pk__in=[])
    for path in area_paths:
        in_demo |= Q(area__path__startswith=path)
    forms = Form.objects.filter(in_demo)
    campaigns = Campaign.objects.filter(in_demo)
    return {
        "exports": ExportJob.objects.filter(form__in=forms).delete()[0],
        "imports": SurveyImport.objects.filter(form_version__form__in=forms).delete()[0],
        "submissions": Submission.objects.filter(
            Q(form__in=forms) | Q(campaign__in=campaigns)
        ).delete()[0],
        "campaigns": campaigns.delete()[0],
        "forms": forms.delete()[0],
    }
