"""The smoke test's table of pages: for every URL name, how to build it from the demo data.

Every URL name the resolver knows (less the admin, static and media) must have an entry here,
or the smoke test fails: a new page is fetched in production conditions from its first day.
`status` is what a signed-in demo administrator gets; `kind` says what is checked:

- "page": one of our HTML pages: `lang`/`dir` right, its scripts, styles and fonts fetched;
- "fragment": HTML swapped into a page by htmx (no <html> element of its own);
- "docs": the API docs pages (drf-spectacular's markup): their static files fetched;
- "data": JSON, an OpenAPI description or a file download: the status only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_PREFIXES = ("static/", "media/", "^static/", "^media/")


@dataclass
class Demo:
    """Objects of the demo data the URLs point at, looked up once."""

    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def demo_lookup(*, boundary_import_pk: int, report_pk: int) -> Demo:
    from mahalla.people.models import Organisation, RoleGrant, User
    from mahalla.places.models import Area

    treasurer = User.objects.get(username="treasurer_lock123")
    return Demo(
        {
            "khlong_toei": Area.objects.get(code="1033", level__code="district"),
            "lock_123": Area.objects.get(code="1033-01"),
            "organisation": Organisation.objects.filter(area__code="1033").order_by("pk").first(),
            "treasurer": treasurer,
            "grant": RoleGrant.objects.filter(user=treasurer).order_by("pk").first(),
            "boundary_import_pk": boundary_import_pk,
            "report_pk": report_pk,
        }
    )


@dataclass(frozen=True)
class Page:
    kwargs: Callable[[Demo], dict[str, Any]] = lambda demo: {}
    status: int = 200
    kind: str = "page"
    note: str = ""


def _pk(attr: str) -> Callable[[Demo], dict[str, Any]]:
    return lambda demo: {"pk": getattr(demo, attr).pk}


def _import(demo: Demo) -> dict[str, Any]:
    return {"pk": demo.boundary_import_pk}


def _survey_form(demo: Demo) -> dict[str, Any]:
    """The demo's household survey (loaded by mahalla.surveys.forms.demo.build)."""
    from mahalla.surveys.models import Form

    return {"pk": Form.objects.get(xml_form_id="household_survey").pk}


def _survey_version(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import FormVersion

    version = FormVersion.objects.filter(form__xml_form_id="household_survey").first()
    return {"pk": version.pk}


def _exports() -> dict[str, int]:
    from mahalla.surveys.exports.demo import smoke_objects

    return smoke_objects()


def _published_version() -> dict[str, Any]:
    from mahalla.surveys.models import FormVersion

    version = FormVersion.objects.filter(state="published").order_by("pk").first()
    if version is None:
        raise LookupError("the demo data has no published form version for the web-form pages")
    return {"pk": version.pk}


# -- surveys: OpenRosa and app users (looked up when fetched: the surveys demo builds them)


def _or_version(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import FormVersion

    return {"pk": FormVersion.objects.filter(state="published").order_by("pk").first().pk}


def _or_media(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import FormMedia

    media = FormMedia.objects.exclude(file="").filter(version__state="published").first()
    return {"pk": media.version_id, "name": media.name}


def _or_token(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import AppUser

    return {"token": AppUser.objects.filter(revoked_at__isnull=True).order_by("pk").first().token}


def _or_campaign(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import AppUser

    return {
        "pk": AppUser.objects.filter(revoked_at__isnull=True).order_by("pk").first().campaign_id
    }


def _or_app_user(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import AppUser

    return {"pk": AppUser.objects.filter(revoked_at__isnull=True).order_by("pk").first().pk}


def _survey_import(demo: Demo) -> dict[str, Any]:
    """The newest survey data import of the demo (surveys/imports/demo.py `build`)."""
    from mahalla.surveys.models import SurveyImport

    return {"pk": SurveyImport.objects.order_by("-pk").values_list("pk", flat=True).first()}


def _survey_import_form(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import SurveyImport

    job = SurveyImport.objects.select_related("form_version").order_by("-pk").first()
    return {"form_pk": job.form_version.form_id}


POST_ONLY = 405  # a GET is refused; the smoke test POSTs where it needs to (language, login)

PAGES: dict[str, Page] = {
    "home": Page(),
    "login": Page(status=302, note="a signed-in person is sent on"),
    "logout": Page(status=POST_ONLY, kind="data"),
    "set_language": Page(status=POST_ONLY, kind="data"),
    "account": Page(),
    "api_token_rotate": Page(status=POST_ONLY, kind="data"),
    "time_zone_set": Page(status=POST_ONLY, kind="data"),
    "password_change": Page(),
    "password_change_done": Page(),
    "password_reset": Page(),
    "password_reset_done": Page(),
    "password_reset_confirm": Page(
        kwargs=lambda demo: {"uidb64": "MQ", "token": "x-y"}, note="shows 'invalid link'"
    ),
    "password_reset_complete": Page(),
    "places:area_list": Page(),
    "places:area_detail": Page(kwargs=_pk("lock_123")),
    "places:area_create": Page(kwargs=lambda demo: {"parent_pk": demo.khlong_toei.pk}),
    "places:area_create_top_level": Page(note="the demo administrator may add a top-level place"),
    "places:area_update": Page(kwargs=_pk("lock_123")),
    "places:area_geojson": Page(kwargs=_pk("khlong_toei"), kind="data"),
    "places:area_export": Page(
        kwargs=lambda demo: {"pk": demo.khlong_toei.pk, "fmt": "geojson"}, kind="data"
    ),
    "places:boundary_import_new": Page(kwargs=_pk("khlong_toei")),
    "places:boundary_import_detail": Page(kwargs=_import),
    "places:boundary_import_progress": Page(kwargs=_import, kind="fragment"),
    "places:boundary_import_rerun": Page(kwargs=_import, status=POST_ONLY, kind="data"),
    "places:boundary_import_preview": Page(kwargs=_import, status=302, note="written: to its page"),
    "places:boundary_import_write": Page(kwargs=_import, status=POST_ONLY, kind="data"),
    "places:boundary_import_replan": Page(kwargs=_import, status=POST_ONLY, kind="data"),
    "places:boundary_import_back": Page(kwargs=_import, status=POST_ONLY, kind="data"),
    "places:boundary_import_cancel": Page(kwargs=_import, status=POST_ONLY, kind="data"),
    "places:boundary_import_revert": Page(kwargs=_import, note="the revert confirmation"),
    "people:organisation_list": Page(),
    "people:organisation_create": Page(),
    "people:organisation_detail": Page(kwargs=_pk("organisation")),
    "people:organisation_update": Page(kwargs=_pk("organisation")),
    "people:grant_list": Page(),
    "people:access_log": Page(),
    "people:access_log_csv": Page(kind="data"),
    "people:grant_create": Page(),
    "people:grant_people_search": Page(kind="fragment", note="suggestions for the grant form"),
    "people:grant_revoke": Page(kwargs=_pk("grant"), note="the confirmation page"),
    "people:user_detail": Page(kwargs=_pk("treasurer")),
    "surveys:data_import_list": Page(kwargs=_survey_import_form),
    "surveys:data_import_new": Page(kwargs=_survey_import_form),
    "surveys:data_import_detail": Page(kwargs=_survey_import, note="the demo's written import"),
    "surveys:data_import_progress": Page(kwargs=_survey_import, kind="fragment"),
    "surveys:data_import_write": Page(kwargs=_survey_import, status=POST_ONLY, kind="data"),
    "surveys:data_import_rerun": Page(kwargs=_survey_import, status=POST_ONLY, kind="data"),
    "api:api-root": Page(kind="data"),
    "api:area-list": Page(kind="data"),
    "api:area-detail": Page(kwargs=_pk("lock_123"), kind="data"),
    "api:area-children": Page(kwargs=_pk("khlong_toei"), kind="data"),
    "api:organisation-list": Page(kind="data"),
    "api:organisation-detail": Page(kwargs=_pk("organisation"), kind="data"),
    "api:token": Page(status=POST_ONLY, kind="data"),
    "api:schema": Page(kind="data"),
    "api:docs": Page(kind="docs"),
    "api:redoc": Page(kind="docs"),
    "surveys:forms_list": Page(),
    "surveys:forms_new": Page(),
    "surveys:forms_detail": Page(kwargs=_survey_form),
    "surveys:forms_version_new": Page(kwargs=_survey_form),
    "surveys:forms_version": Page(kwargs=_survey_version),
    "surveys:forms_version_media": Page(kwargs=_survey_version, status=POST_ONLY, kind="data"),
    "surveys:forms_version_publish": Page(kwargs=_survey_version, note="published: says so"),
    "surveys:forms_version_xlsform": Page(kwargs=_survey_version, kind="data"),
    "surveys:forms_version_xform": Page(kwargs=_survey_version, kind="data"),
    "api:survey-form-list": Page(kind="data"),
    "api:survey-form-detail": Page(kwargs=_survey_form, kind="data"),
    "api:survey-form-version-list": Page(kind="data"),
    "api:survey-form-version-detail": Page(kwargs=_survey_version, kind="data"),
    "api:survey-form-version-publish": Page(kwargs=_survey_version, status=POST_ONLY, kind="data"),
    # -- surveys: exports (the demo admin's form and finished export)
    "surveys:export_form": Page(kwargs=lambda demo: {"pk": _exports()["form"]}),
    "surveys:export_download": Page(
        kwargs=lambda demo: {"pk": _exports()["form"]}, kind="data", note="a streamed csv.zip"
    ),
    "surveys:export_job_new": Page(
        kwargs=lambda demo: {"pk": _exports()["form"]}, status=POST_ONLY, kind="data"
    ),
    "surveys:export_job_list": Page(),
    "surveys:export_job_detail": Page(kwargs=lambda demo: {"pk": _exports()["job"]}),
    "surveys:export_job_progress": Page(
        kwargs=lambda demo: {"pk": _exports()["job"]}, kind="fragment"
    ),
    "surveys:export_job_file": Page(kwargs=lambda demo: {"pk": _exports()["job"]}, kind="data"),
    "surveys:export_job_rerun": Page(
        kwargs=lambda demo: {"pk": _exports()["job"]}, status=POST_ONLY, kind="data"
    ),
    # -- surveys: web forms (need a published form version in the demo data)
    "surveys:webform_list": Page(),
    "surveys:webform_sw": Page(kind="data", note="the service worker script"),
    "surveys:webform": Page(kwargs=lambda demo: _published_version(), note="ODK Web Forms"),
    "surveys:webform_xform": Page(kwargs=lambda demo: _published_version(), kind="data"),
    "surveys:webform_media": Page(
        kwargs=lambda demo: {**_published_version(), "name": "not-in-this-form.png"},
        status=404,
        kind="data",
        note="a name the form does not have",
    ),
    "surveys:webform_submit": Page(
        kwargs=lambda demo: _published_version(), status=POST_ONLY, kind="data"
    ),
    "surveys:openrosa_form_list": Page(kind="data", note="XML; a session may read it"),
    "surveys:openrosa_form_xml": Page(kwargs=_or_version, kind="data"),
    "surveys:openrosa_manifest": Page(kwargs=_or_version, kind="data"),
    "surveys:openrosa_media": Page(kwargs=_or_media, kind="data"),
    "surveys:openrosa_submission": Page(status=204, kind="data", note="OpenRosa HEAD/GET"),
    "surveys:openrosa_key_form_list": Page(kwargs=_or_token, kind="data"),
    "surveys:openrosa_key_form_xml": Page(
        kwargs=lambda demo: {**_or_token(demo), **_or_version(demo)}, kind="data"
    ),
    "surveys:openrosa_key_manifest": Page(
        kwargs=lambda demo: {**_or_token(demo), **_or_version(demo)}, kind="data"
    ),
    "surveys:openrosa_key_media": Page(
        kwargs=lambda demo: {**_or_token(demo), **_or_media(demo)}, kind="data"
    ),
    "surveys:openrosa_key_submission": Page(kwargs=_or_token, status=204, kind="data"),
    "surveys:app_user_list": Page(kwargs=_or_campaign),
    "surveys:app_user_codes": Page(kwargs=_or_campaign, note="QR codes for ODK Collect"),
    "surveys:app_user_revoke": Page(kwargs=_or_app_user, note="the confirmation page"),
}


# -- survey campaigns: the demo's first campaign (mahalla/surveys/campaigns/demo.py builds it)


def _campaign(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import Campaign

    return {"pk": Campaign.objects.order_by("pk").values_list("pk", flat=True).first()}


# --- surveys: submissions (the demo's household submissions, see surveys/submissions/demo.py)
def _submission(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import Submission

    return {"pk": Submission.objects.order_by("pk").values_list("pk", flat=True).first() or 0}


def _attachment(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import Attachment

    return {"pk": Attachment.objects.order_by("pk").values_list("pk", flat=True).first() or 0}


def _submission_form(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import Submission

    first = Submission.objects.order_by("pk").values_list("form_id", flat=True).first()
    return {"form_pk": first or 0}


def _submission_job(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import SubmissionJob

    return {"pk": SubmissionJob.objects.order_by("pk").values_list("pk", flat=True).first() or 0}


PAGES.update(
    {
        "surveys:campaign_list": Page(),
        "surveys:campaign_create": Page(),
        "surveys:campaign_detail": Page(kwargs=_campaign),
        "surveys:campaign_update": Page(kwargs=_campaign),
        "surveys:campaign_progress_geojson": Page(kwargs=_campaign, kind="data"),
        "surveys:campaign_targets": Page(kwargs=_campaign),
        "surveys:campaign_targets_import": Page(kwargs=_campaign),
        "surveys:campaign_targets_confirm": Page(kwargs=_campaign, status=POST_ONLY, kind="data"),
        "api:campaign-list": Page(kind="data"),
        "api:campaign-detail": Page(kwargs=_campaign, kind="data"),
        "api:campaign-targets": Page(kwargs=_campaign, kind="data"),
        "api:campaign-progress": Page(kwargs=_campaign, kind="data"),
        "surveys:submission_list": Page(),
        "surveys:my_submissions": Page(),
        "surveys:submission_detail": Page(kwargs=_submission),
        "surveys:submission_review": Page(kwargs=_submission, status=POST_ONLY, kind="data"),
        "surveys:submission_comment": Page(kwargs=_submission, status=POST_ONLY, kind="data"),
        "surveys:submission_attachment": Page(
            kwargs=_attachment, status=404, kind="data", note="the demo has no photo files"
        ),
        "surveys:submission_reparse": Page(kwargs=_submission_form, status=POST_ONLY, kind="data"),
        "surveys:submission_job_detail": Page(
            kwargs=_submission_job, note="the demo's one re-read of the household survey"
        ),
        "surveys:submission_job_rerun": Page(kwargs=_submission_job, status=POST_ONLY, kind="data"),
        "api:submission-list": Page(kind="data"),
        "api:submission-detail": Page(kwargs=_submission, kind="data"),
        "api:submission-versions": Page(kwargs=_submission, kind="data"),
        "api:submission-comments": Page(kwargs=_submission, kind="data"),
        "api:submission-review": Page(kwargs=_submission, status=POST_ONLY, kind="data"),
    }
)


# -- registry (filled by the demo's approvals)


def _relationship(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import EvidenceDocument

    relationship = EvidenceDocument.objects.order_by("pk").first().relationship
    return {"pk": relationship.household_id, "rel": relationship.pk}


def _spatial_unit(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import SpatialUnit

    return {"pk": SpatialUnit.objects.order_by("pk").first().pk}


def _evidence(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import EvidenceDocument

    return {"pk": EvidenceDocument.objects.order_by("pk").first().pk}


def _household(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import Household

    household = Household.objects.filter(area__path__startswith=demo.khlong_toei.path).first()
    if household is None:
        raise LookupError("the demo data has no household: the demo's approvals fill them")
    return {"pk": household.pk}


def _household_pair(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import Household

    first, second = Household.objects.filter(area__path__startswith=demo.khlong_toei.path).order_by(
        "area_id", "pk"
    )[:2]
    return {"pk": first.pk, "other": second.pk}


def _profiled_community(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import SettlementProfile

    profile = SettlementProfile.objects.filter(area__path__startswith=demo.khlong_toei.path).first()
    if profile is None:
        raise LookupError("the demo data has no settlement profile")
    return {"pk": profile.area_id}


def _profile(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import SettlementProfile

    return {"pk": SettlementProfile.objects.order_by("pk").first().pk}


def _value(demo: Demo) -> dict[str, Any]:
    from mahalla.registry.models import Value

    return {"pk": Value.objects.order_by("pk").first().pk}


PAGES.update(
    {
        "registry:settlement_list": Page(),
        "registry:settlement_detail": Page(kwargs=_profiled_community),
        "registry:household_list": Page(),
        "registry:household_detail": Page(kwargs=_household),
        "registry:household_delete": Page(kwargs=_household, note="the confirmation page"),
        "registry:household_restore": Page(kwargs=_household, status=POST_ONLY, kind="data"),
        "registry:tenure_dates": Page(kwargs=_relationship, status=POST_ONLY, kind="data"),
        "registry:evidence_upload": Page(kwargs=_relationship, status=POST_ONLY, kind="data"),
        "registry:evidence_download": Page(kwargs=_evidence, kind="data"),
        "registry:evidence_remove": Page(kwargs=_evidence, note="the confirmation page"),
        "registry:evidence_restore": Page(kwargs=_evidence, status=POST_ONLY, kind="data"),
        "registry:duplicate_list": Page(),
        "registry:mapping_list": Page(),
        "registry:value_lists": Page(),
        "registry:value_list": Page(kwargs=lambda demo: {"list_name": "tenure_type"}),
        "registry:value_change": Page(kwargs=_value),
        "registry:mapping_edit": Page(kwargs=_survey_form),
        "registry:public_home": Page(),
        "registry:public_dashboard": Page(kwargs=_pk("khlong_toei")),
        "registry:dashboard_home": Page(note="the admin has several top areas: the list"),
        "registry:dashboard": Page(kwargs=_pk("khlong_toei")),
        "registry:dashboard_geojson": Page(kwargs=_pk("khlong_toei"), kind="data"),
        "registry:dashboard_xlsx": Page(kwargs=_pk("khlong_toei"), kind="data"),
        "registry:report_new": Page(kwargs=_pk("khlong_toei"), status=POST_ONLY, kind="data"),
        "registry:report_list": Page(),
        "registry:report_detail": Page(kwargs=lambda demo: {"pk": demo.report_pk}),
        "registry:report_progress": Page(
            kwargs=lambda demo: {"pk": demo.report_pk}, kind="fragment"
        ),
        "registry:report_file": Page(kwargs=lambda demo: {"pk": demo.report_pk}, kind="data"),
        "registry:report_rerun": Page(
            kwargs=lambda demo: {"pk": demo.report_pk}, status=POST_ONLY, kind="data"
        ),
        "registry:household_merge": Page(kwargs=_household_pair, note="the comparison page"),
        "registry:merge_undo": Page(kwargs=lambda demo: {"pk": 1}, status=POST_ONLY, kind="data"),
        "api:registry-value-list": Page(kind="data"),
        "api:registry-value-detail": Page(kwargs=_value, kind="data"),
        "api:settlement-profile-list": Page(kind="data"),
        "api:settlement-profile-detail": Page(kwargs=_profile, kind="data"),
        "api:household-list": Page(kind="data"),
        "api:household-detail": Page(kwargs=_household, kind="data"),
        "api:spatial-unit-list": Page(kind="data"),
        "api:spatial-unit-detail": Page(kwargs=_spatial_unit, kind="data"),
        "api:tenure-relationship-list": Page(kind="data"),
        "api:tenure-relationship-detail": Page(
            kwargs=lambda demo: {"pk": _relationship(demo)["rel"]}, kind="data"
        ),
    }
)


# -- governance (the demo's bodies from the seeds)


def _gov(model_name: str, **filters: Any) -> Callable[[Demo], dict[str, Any]]:
    def kwargs(demo: Demo) -> dict[str, Any]:
        from mahalla.governance import models

        found = getattr(models, model_name).objects.filter(**filters).order_by("pk").first()
        if found is None:
            raise LookupError(f"the demo data has no governance {model_name}")
        return {"pk": found.pk}

    return kwargs


_office = _gov("Body", name_en="Moradabad Facilitation Office")
_office_meeting = _gov("Meeting", body__name_en="Moradabad Facilitation Office")
_office_resolution = _gov("Resolution", body__name_en="Moradabad Facilitation Office")


def _membership(demo: Demo) -> dict[str, Any]:
    from mahalla.governance.models import Membership

    return {"pk": Membership.objects.order_by("pk").first().pk}


def _report(demo: Demo) -> dict[str, Any]:
    from mahalla.governance.models import ProgressReport

    found = ProgressReport.objects.exclude(attachment="").order_by("pk").first()
    if found is None:
        raise LookupError("the demo data has no progress report with an attachment")
    return {"pk": found.pk}


def _moradabad() -> int:
    from mahalla.places.models import Area

    return Area.objects.get(name_en="Moradabad").pk


def _feed(demo: Demo) -> dict[str, Any]:
    from mahalla.governance.services.feeds import feed_token
    from mahalla.people.models import User

    return {"token": feed_token(User.objects.get(username="facilitator_moradabad")).token}


def _responsible(demo: Demo) -> dict[str, Any]:
    from mahalla.people.models import Organisation

    return {"pk": Organisation.objects.get(name_en="Social Affairs Organisation of Iran").pk}


PAGES.update(
    {
        "governance:body_list": Page(),
        "governance:attention": Page(),
        "governance:body_detail": Page(kwargs=_office),
        "governance:body_new": Page(),
        "governance:body_edit": Page(kwargs=_office),
        "governance:membership_add": Page(kwargs=_office),
        "governance:membership_end": Page(kwargs=_membership, status=POST_ONLY, kind="data"),
        "governance:meeting_new": Page(kwargs=_office),
        "governance:resolution_new": Page(kwargs=_office),
        "governance:resolutions_print": Page(kwargs=_office),
        "governance:body_csv": Page(kwargs=_office, kind="data"),
        "governance:meeting_detail": Page(kwargs=_office_meeting),
        "governance:meeting_attendance": Page(
            kwargs=_office_meeting, status=POST_ONLY, kind="data"
        ),
        "governance:meeting_minutes": Page(kwargs=_office_meeting, status=POST_ONLY, kind="data"),
        "governance:meeting_resolution_new": Page(
            kwargs=_office_meeting, status=POST_ONLY, kind="data"
        ),
        "governance:resolution_detail": Page(kwargs=_office_resolution),
        "governance:resolution_edit": Page(
            kwargs=_office_resolution, status=POST_ONLY, kind="data"
        ),
        "governance:report_new": Page(kwargs=_office_resolution, status=POST_ONLY, kind="data"),
        "governance:report_attachment": Page(kwargs=_report, kind="data"),
        "governance:organisation_tracker": Page(kwargs=_responsible),
        "governance:organisation_csv": Page(kwargs=_responsible, kind="data"),
        "governance:public_body": Page(kwargs=_office),
        "governance:body_feed": Page(kwargs=_office, kind="data"),
        "governance:person_feed": Page(kwargs=_feed, kind="data"),
        "governance:feed_renew": Page(status=POST_ONLY, kind="data"),
        "governance:minutes_pdf": Page(kwargs=_office_meeting, kind="data"),
        "governance:neighbourhood": Page(
            kwargs=lambda demo: {
                "pk": _gov("Body", name_en="Moradabad Facilitation Office")(demo) and _moradabad()
            }
        ),
        "governance:election_new": Page(
            kwargs=_gov("Body", name_en="Sanglaj Neighbourhood Board of Trustees")
        ),
        "governance:election_detail": Page(kwargs=_gov("Election")),
        "governance:election_act": Page(kwargs=_gov("Election"), status=POST_ONLY, kind="data"),
        "governance:vote": Page(),
        "governance:meeting_file_upload": Page(
            kwargs=_office_meeting, status=POST_ONLY, kind="data"
        ),
        "governance:meeting_file": Page(kwargs=_gov("MeetingAttachment"), kind="data"),
        "governance:calendar_list": Page(),
        "governance:holiday_add": Page(kwargs=_gov("WorkCalendar"), status=POST_ONLY, kind="data"),
        "governance:holiday_remove": Page(kwargs=_gov("Holiday"), status=POST_ONLY, kind="data"),
        "governance:public_resolution": Page(kwargs=_office_resolution),
        "governance:document_list": Page(),
        "governance:document_new": Page(kwargs=_office),
        "governance:document_detail": Page(kwargs=_gov("DevelopmentDocument")),
        "governance:need_add": Page(
            kwargs=_gov("DevelopmentDocument"), status=POST_ONLY, kind="data"
        ),
        "governance:need_vote": Page(kwargs=_gov("Need"), status=POST_ONLY, kind="data"),
        "governance:action_add": Page(
            kwargs=_gov("DevelopmentDocument"), status=POST_ONLY, kind="data"
        ),
        "governance:document_submit": Page(
            kwargs=_gov("DevelopmentDocument"), status=POST_ONLY, kind="data"
        ),
        "governance:document_decide": Page(
            kwargs=_gov("DevelopmentDocument"), status=POST_ONLY, kind="data"
        ),
        "api:body-list": Page(kind="data"),
        "api:body-detail": Page(kwargs=_office, kind="data"),
        "api:meeting-list": Page(kind="data"),
        "api:meeting-detail": Page(kwargs=_office_meeting, kind="data"),
        "api:resolution-list": Page(kind="data"),
        "api:development-document-list": Page(kind="data"),
        "api:development-document-detail": Page(kwargs=_gov("DevelopmentDocument"), kind="data"),
        "api:resolution-detail": Page(kwargs=_office_resolution, kind="data"),
        "api:resolution-report": Page(kwargs=_office_resolution, status=POST_ONLY, kind="data"),
    }
)


def _walk(patterns: list, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern) and not route.startswith(EXCLUDED_PREFIXES):
            yield (f"{namespace}{entry.name}" if entry.name else f"(unnamed) {route}"), route


def url_names() -> list[str]:
    return sorted({name for name, _route in _walk(get_resolver().url_patterns)})


# -- savings (the demo's Lock 1-2-3 group and the Moradabad fund)


def _sav(model_name: str, **filters: Any) -> Callable[[Demo], dict[str, Any]]:
    def kwargs(demo: Demo) -> dict[str, Any]:
        from mahalla.savings import models

        found = getattr(models, model_name).objects.filter(**filters).order_by("pk").first()
        if found is None:
            raise LookupError(f"the demo data has no savings {model_name}")
        return {"pk": found.pk}

    return kwargs


_lock = _sav("SavingsGroup", organisation__name_en="Lock 1-2-3 Community Savings Group")
_lock_member = _sav(
    "SavingsMember", group__organisation__name_en="Lock 1-2-3 Community Savings Group"
)
_lock_meeting = _sav(
    "GroupMeeting", group__organisation__name_en="Lock 1-2-3 Community Savings Group"
)
_lock_loan = _sav("Loan", status="disbursed", member__isnull=False)
_fund = _sav("SavingsGroup", organisation__name_en="Moradabad fund")

PAGES.update(
    {
        "savings:group_list": Page(),
        "savings:group_detail": Page(kwargs=_lock),
        "savings:member_add": Page(kwargs=_lock, status=POST_ONLY, kind="data"),
        "savings:period_close": Page(kwargs=_lock, status=POST_ONLY, kind="data"),
        "savings:meeting_open": Page(kwargs=_lock, status=POST_ONLY, kind="data"),
        "savings:loan_list": Page(kwargs=_fund),
        "savings:loan_new": Page(kwargs=_lock),
        "savings:collective_loan_new": Page(kwargs=_lock),
        "savings:arrears": Page(kwargs=_lock),
        "savings:reports": Page(kwargs=_fund),
        "savings:passbook": Page(kwargs=_lock_member),
        "savings:passbook_pdf": Page(kwargs=_lock_member, kind="data"),
        "savings:meeting_sw": Page(kind="data", note="the service worker script"),
        "savings:meeting_screen": Page(kwargs=_lock_meeting),
        "savings:meeting_entry": Page(
            kwargs=lambda demo: {**_lock_meeting(demo), "key": "smoke"},
            status=POST_ONLY,
            kind="data",
        ),  # fmt: skip
        "savings:meeting_close": Page(kwargs=_lock_meeting, status=POST_ONLY, kind="data"),
        "savings:loan_detail": Page(kwargs=_lock_loan),
        "savings:loan_decide": Page(kwargs=_lock_loan, status=POST_ONLY, kind="data"),
        "savings:loan_disburse": Page(kwargs=_lock_loan, status=POST_ONLY, kind="data"),
        "savings:committee_add": Page(kwargs=_lock, status=POST_ONLY, kind="data"),
        "savings:loan_write_off": Page(kwargs=_lock_loan, status=POST_ONLY, kind="data"),
        "savings:loan_reschedule": Page(kwargs=_lock_loan, status=POST_ONLY, kind="data"),
        "api:savings-group-list": Page(kind="data"),
        "api:savings-group-detail": Page(kwargs=_lock, kind="data"),
        "api:savings-loan-list": Page(kind="data"),
        "api:savings-loan-detail": Page(kwargs=_lock_loan, kind="data"),
        "api:savings-meeting-list": Page(kind="data"),
        "api:savings-meeting-detail": Page(kwargs=_lock_meeting, kind="data"),
        "api:savings-meeting-entries": Page(kwargs=_lock_meeting, status=POST_ONLY, kind="data"),
        "savings:transaction_reverse": Page(
            kwargs=_sav("Transaction", kind="deposit"), status=POST_ONLY, kind="data"
        ),
    }
)
