"""Every URL of the project, tried as an anonymous visitor, an in-scope and an out-of-scope person.

`SPECS` maps each URL name ("namespace:name") to one or more `Spec`s. A URL without a spec
fails `test_every_url_has_a_spec`, so each new page or endpoint must say here who may reach it.

Conventions checked:
- pages send anonymous visitors to the login page; the API answers them 401;
- objects outside the person's scope are 404 (their existence is not revealed);
- pages needing a permission the person lacks everywhere are 403;
- lists answer 200 to everyone with a role but must not show what is out of scope (`secret`);
- a refused write changes nothing (`unchanged`), even when it answers 200 with the form's error.

Not walked: the Django admin (its own staff checks), and static/media serving in DEBUG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mahalla.governance.tests import matrix as gov
from mahalla.people.models import RoleGrant
from mahalla.people.roles import Role
from mahalla.places.models import Area, BoundaryImport
from mahalla.savings.tests import matrix as sav
from mahalla.surveys.tests import webform_matrix as wf
from mahalla.testing import PASSWORD, World, grant, make_user

LOGIN = "login"  # anonymous visitors are redirected to the login page
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_PREFIXES = ("static/", "media/", "^static/", "^media/")


def _none(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Spec:
    """How one URL behaves. Personas are attribute names of `World`, or "kt_admin" and
    "pw_admin" (scoped administrators of Khlong Toei and Pathum Wan, made below), or
    "kt_office_admin" (administrator of the Khlong Toei District Office, an organisation)."""

    kwargs: Callable[[World], dict[str, Any]] = _none
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    anonymous: int | str = LOGIN
    allowed: tuple[str, int] | None = ("khlong_toei_officer", 200)
    denied: tuple[tuple[str, int], ...] = (("pathum_wan_officer", 404),)
    # Text the allowed persona sees and no denied persona does (for lists and pages that
    # answer 200 to everyone but must leave out what is out of scope).
    secret: Callable[[World], str] | None = None
    # What anonymous and denied requests must leave as it was (e.g. the number of grants).
    unchanged: Callable[[World], Any] | None = None
    note: str = ""


def public(**overrides: Any) -> Spec:
    defaults = {"anonymous": 200, "allowed": ("no_role", 200), "denied": ()}
    return Spec(**{**defaults, **overrides})


def api(**overrides: Any) -> Spec:
    return Spec(**{"anonymous": 401, **overrides})


def kt_office(world: World) -> dict[str, Any]:
    return {"pk": world.khlong_toei_office.pk}


def treasurer_grant(world: World) -> dict[str, Any]:
    return {"pk": RoleGrant.objects.get(user=world.treasurer).pk}


def khlong_toei(world: World) -> dict[str, Any]:
    return {"pk": world.khlong_toei.pk}


def lock_123(world: World) -> dict[str, Any]:
    return {"pk": world.lock_123.pk}


def kt_import(world: World) -> dict[str, Any]:
    boundary_import = BoundaryImport.objects.create(
        parent=world.khlong_toei,
        level=world.community,
        file="imports/boundaries/communities.geojson",
        original_name="communities.geojson",
        status=BoundaryImport.Status.DONE,
        phase=BoundaryImport.Phase.WRITE,
    )
    return {"pk": boundary_import.pk}


def kt_plan(world: World) -> dict[str, Any]:
    """An import whose plan waits on its preview to be written."""
    boundary_import = BoundaryImport.objects.create(
        parent=world.khlong_toei,
        level=world.community,
        file="imports/boundaries/communities.geojson",
        original_name="communities.geojson",
        status=BoundaryImport.Status.DONE,
        phase=BoundaryImport.Phase.PLAN,
    )
    return {"pk": boundary_import.pk}


def _kt_survey_version(world: World):
    from mahalla.surveys.models import FormVersion
    from mahalla.surveys.testing import make_version

    found = FormVersion.objects.filter(form__xml_form_id="household").first()
    return found or make_version(world.khlong_toei)


def kt_import_form(world: World) -> dict[str, Any]:
    return {"form_pk": _kt_survey_version(world).form_id}


def kt_survey_import(world: World) -> dict[str, Any]:
    from mahalla.surveys.models import SurveyImport

    job = SurveyImport.objects.create(
        form_version=_kt_survey_version(world),
        original_name="households.csv",
        kind=SurveyImport.Kind.TABLE,
        status=SurveyImport.Status.UPLOADED,
    )
    return {"pk": job.pk}


def _survey_imports(world: World) -> tuple[int, int]:
    """Submissions, and imports past the upload (queued, checked or written)."""
    from mahalla.surveys.models import Submission, SurveyImport

    started = SurveyImport.objects.exclude(status=SurveyImport.Status.UPLOADED).count()
    return (Submission.objects.count(), started)


def _active_grants(world: World) -> int:
    return RoleGrant.objects.filter(revoked_at__isnull=True).count()


def _grant_to_self(world: World) -> dict[str, Any]:
    return {"username": "kt_admin", "role": Role.SURVEYOR, "area": world.lock_123.pk}


def _grant_on_an_area(world: World) -> dict[str, Any]:
    return {"username": "no_role", "role": Role.SURVEYOR, "area": world.lock_123.pk}


def _new_province(world: World) -> dict[str, Any]:
    return {"level": world.province.pk, "name_en": "Nonthaburi", "code": "12", "reason": "pilot"}


def _credentials(world: World) -> dict[str, Any]:
    return {"username": "kt_officer", "password": PASSWORD}


def _org_name(world: World) -> str:
    return world.khlong_toei_office.name_en


def _kt_name(world: World) -> str:
    return world.khlong_toei.name_en


# -- survey forms


def _kt_version(world: World):
    """A draft version of a Khlong Toei form, uploaded through the service (made once)."""
    from mahalla.surveys.forms import services
    from mahalla.surveys.models import FormVersion
    from mahalla.surveys.tests.xlsforms import settings_rows, xlsx

    existing = FormVersion.objects.filter(form__xml_form_id="kt_houses").first()
    if existing is not None:
        return existing
    return services.create_version_from_upload(
        user=None,
        area=world.khlong_toei,
        uploaded_file=xlsx(settings=settings_rows(form_id="kt_houses", title="KT houses")),
    )


def kt_survey_form(world: World) -> dict[str, Any]:
    return {"pk": _kt_version(world).form_id}


def kt_survey_version(world: World) -> dict[str, Any]:
    return {"pk": _kt_version(world).pk}


def _with_kt_form(world: World) -> dict[str, Any]:
    _kt_version(world)
    return {}


def _published_versions(world: World) -> int:
    from mahalla.surveys.models import FormVersion

    return FormVersion.objects.filter(state=FormVersion.State.PUBLISHED).count()


def _uploaded_media(world: World) -> int:
    from mahalla.surveys.models import FormMedia

    return FormMedia.objects.exclude(file="").count()


# Out of scope is 404; no survey permission anywhere (the treasurer) is 403.
SURVEY_DENIED = (("pathum_wan_officer", 404), ("treasurer", 403))
# -- surveys: exports
EXPORT_DENIED = (("pathum_wan_officer", 404), ("treasurer", 403))


def kt_export_form(world: World) -> dict[str, Any]:
    """A household form owned by Khlong Toei (made once per test)."""
    from mahalla.surveys.models import Form
    from mahalla.surveys.testing import make_version

    form = Form.objects.filter(xml_form_id="household").first()
    if form is None:
        form = make_version(world.khlong_toei).form
    return {"pk": form.pk}


def kt_export_job(world: World) -> dict[str, Any]:
    """A finished export of the Khlong Toei officer, with its stored file."""
    from django.core.files.base import ContentFile

    from mahalla.surveys.models import ExportJob, Form

    kt_export_form(world)
    job = ExportJob.objects.filter(created_by=world.khlong_toei_officer).first()
    if job is None:
        job = ExportJob.objects.create(
            form=Form.objects.get(xml_form_id="household"),
            format="csvzip",
            created_by=world.khlong_toei_officer,
            status="done",
            file_name="household.csv.zip",
        )
        job.file.save("household.csv.zip", ContentFile(b"PK"), save=True)
    return {"pk": job.pk}


def _export_jobs(world: World) -> int:
    from mahalla.surveys.models import ExportJob

    return ExportJob.objects.count()


# -- surveys: OpenRosa server and app users


def _or_version(world: World):
    from mahalla.surveys.models import Campaign, FormVersion
    from mahalla.surveys.testing import make_version

    version = FormVersion.objects.filter(form__xml_form_id="household").first()
    if version is None:
        version = make_version(world.khlong_toei)
        campaign = Campaign.objects.create(area=world.khlong_toei, name_en="KT", status="open")
        campaign.form_versions.add(version)
    return version


def _or_app_user(world: World, *, revoked: bool = False):
    from django.utils import timezone

    from mahalla.surveys.models import AppUser

    campaign = _or_version(world).campaigns.get()
    token = ("r" if revoked else "a") * 64
    app_user, _created = AppUser.objects.get_or_create(
        token=token,
        defaults={
            "campaign": campaign,
            "display_name": "Team",
            "revoked_at": timezone.now() if revoked else None,
        },
    )
    return app_user


def _or_media(world: World) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from mahalla.surveys.models import FormMedia

    version = _or_version(world)
    if not FormMedia.objects.filter(version=version, name="list.csv").exists():
        media = FormMedia(version=version, name="list.csv", kind="file", md5="0" * 32)
        media.file.save("list.csv", ContentFile(b"name\nx\n"), save=True)
    return {"pk": version.pk, "name": "list.csv"}


def _or_pk(world: World) -> dict[str, Any]:
    return {"pk": _or_version(world).pk}


def _key(world: World) -> dict[str, Any]:
    return {"token": _or_app_user(world).token}


def _revoked_key(world: World) -> dict[str, Any]:
    return {"token": _or_app_user(world, revoked=True).token}


def _key_and(extra: Callable[[World], dict[str, Any]]) -> Callable[[World], dict[str, Any]]:
    return lambda world: {**_key(world), **extra(world)}


def _or_campaign(world: World) -> dict[str, Any]:
    return {"pk": _or_version(world).campaigns.get().pk}


def _or_app_user_pk(world: World) -> dict[str, Any]:
    return {"pk": _or_app_user(world).pk}


def _submissions(world: World) -> int:
    from mahalla.surveys.models import Submission

    return Submission.objects.count()


def _app_users(world: World) -> tuple:
    from mahalla.surveys.models import AppUser

    _or_app_user(world)  # made before the count, as the URL's kwargs would make it
    return tuple(AppUser.objects.values_list("pk", "revoked_at"))


def openrosa(**overrides: Any) -> Spec:
    """Signed-in OpenRosa endpoints: anonymous gets Basic's 401 challenge, not the login page;
    a session may read (Collect itself signs in with Basic over HTTPS)."""
    return Spec(**{"anonymous": 401, **overrides})


def token_spec(**overrides: Any) -> Spec:
    """App-user endpoints: the token in the path is the credential, whoever holds it."""
    return Spec(**{"anonymous": 200, "allowed": ("no_role", 200), "denied": (), **overrides})


SPECS: dict[str, Spec | list[Spec]] = {
    # -- core
    "home": public(),
    # -- accounts
    "login": public(allowed=("no_role", 302), note="signed-in people are sent on"),
    "logout": public(method="post", anonymous=302, allowed=("no_role", 302)),
    "set_language": public(
        method="post",
        data=lambda w: {"language": "th", "next": "/"},
        anonymous=302,
        allowed=("no_role", 302),
    ),
    "account": Spec(allowed=("no_role", 200), denied=()),
    "api_token_rotate": Spec(method="post", allowed=("no_role", 302), denied=()),
    "time_zone_set": Spec(
        method="post",
        data=lambda w: {"time_zone": "Asia/Tehran"},
        allowed=("no_role", 302),
        denied=(),
        note="changes only the signed-in person's own account",
    ),
    "password_change": Spec(allowed=("no_role", 200), denied=()),
    "password_change_done": Spec(allowed=("no_role", 200), denied=()),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(kwargs=lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "password_reset_complete": public(),
    # -- places
    "places:area_list": Spec(
        denied=(("pathum_wan_officer", 200), ("no_role", 200)),
        secret=lambda w: w.lock_123.name_en,
        note="a list: everyone signed in gets 200, narrowed to their scope",
    ),
    "places:area_detail": Spec(
        kwargs=lock_123, denied=(("pathum_wan_officer", 404), ("no_role", 404))
    ),
    "places:area_create": Spec(
        kwargs=lambda w: {"parent_pk": w.khlong_toei.pk},
        denied=(("pathum_wan_officer", 404), ("treasurer", 404), ("no_role", 404)),
    ),
    "places:area_create_top_level": [
        Spec(
            allowed=("admin", 200),
            denied=(("kt_admin", 403), ("khlong_toei_officer", 403), ("no_role", 403)),
            note="only an administrator of every place (a superuser) adds top-level places",
        ),
        Spec(
            method="post",
            data=_new_province,
            allowed=("admin", 302),
            denied=(("kt_admin", 403), ("khlong_toei_officer", 403)),
            unchanged=lambda w: Area.objects.count(),
        ),
    ],
    "places:area_update": Spec(
        kwargs=lock_123,
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
        note="the treasurer may see Lock 1-2-3 but not change it: no change scope is a 404",
    ),
    "places:area_geojson": Spec(
        kwargs=khlong_toei,
        secret=lambda w: w.lock_123.name_en,
        denied=(("pathum_wan_officer", 404), ("no_role", 404)),
    ),
    "places:area_export": Spec(
        kwargs=lambda w: {"pk": w.khlong_toei.pk, "fmt": "geojson"},
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
        note="the treasurer may see Lock 1-2-3 but not export: no export scope is a 404",
    ),
    "places:boundary_import_new": Spec(
        kwargs=khlong_toei, denied=(("pathum_wan_officer", 404), ("treasurer", 404))
    ),
    "places:boundary_import_detail": Spec(
        kwargs=kt_import, denied=(("pathum_wan_officer", 404), ("treasurer", 404))
    ),
    "places:boundary_import_progress": Spec(
        kwargs=kt_import, denied=(("pathum_wan_officer", 404), ("treasurer", 404))
    ),
    "places:boundary_import_rerun": Spec(
        kwargs=kt_import,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
        note="a finished import is not run again: back to its page with a message",
    ),
    "places:boundary_import_preview": [
        Spec(kwargs=kt_plan, denied=(("pathum_wan_officer", 404), ("treasurer", 404))),
        Spec(
            kwargs=kt_plan,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
            note="saving choices for ambiguous places, back to the preview",
        ),
    ],
    "places:boundary_import_write": Spec(
        kwargs=kt_plan,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
    ),
    "places:boundary_import_replan": Spec(
        kwargs=kt_plan,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
    ),
    "places:boundary_import_back": Spec(
        kwargs=kt_plan,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
    ),
    "places:boundary_import_cancel": Spec(
        kwargs=kt_plan,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
    ),
    "places:boundary_import_revert": [
        Spec(kwargs=kt_import, denied=(("pathum_wan_officer", 404), ("treasurer", 404))),
        Spec(
            kwargs=kt_import,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
        ),
    ],
    # -- organisations
    "people:organisation_list": Spec(
        denied=(("no_role", 403), ("pathum_wan_officer", 200)), secret=_org_name
    ),
    "people:organisation_create": Spec(
        allowed=("kt_admin", 200), denied=(("khlong_toei_officer", 403), ("no_role", 403))
    ),
    "people:organisation_detail": Spec(
        kwargs=kt_office, denied=(("pathum_wan_officer", 404), ("no_role", 404))
    ),
    "people:organisation_update": Spec(
        kwargs=kt_office,
        allowed=("kt_admin", 200),
        denied=(("pw_admin", 404), ("khlong_toei_officer", 403)),
        note="visible but not changeable is 403",
    ),
    # -- roles
    "people:grant_list": Spec(
        allowed=("kt_admin", 200),
        denied=(("khlong_toei_officer", 403), ("pw_admin", 200)),
        secret=lambda w: w.treasurer.first_name,
    ),
    "people:grant_create": [
        Spec(allowed=("kt_admin", 200), denied=(("khlong_toei_officer", 403), ("no_role", 403))),
        Spec(
            method="post",
            data=_grant_to_self,
            allowed=None,
            denied=(("kt_admin", 200), ("khlong_toei_officer", 403)),
            unchanged=_active_grants,
            note="a role manager granting a role to themselves: the form says no",
        ),
        Spec(
            method="post",
            data=_grant_on_an_area,
            allowed=("kt_admin", 302),
            denied=(("kt_office_admin", 200), ("pw_admin", 200), ("khlong_toei_officer", 403)),
            unchanged=_active_grants,
            note="an organisation's administrator may not grant roles on areas",
        ),
    ],
    "people:grant_people_search": Spec(
        data=lambda w: {"username": "boon"},
        allowed=("kt_admin", 200),
        denied=(("pw_admin", 200), ("khlong_toei_officer", 403)),
        secret=lambda w: w.treasurer.first_name,
        note="suggestions for the grant form: people in the searcher's scope only",
    ),
    "people:grant_revoke": [
        Spec(
            kwargs=treasurer_grant,
            allowed=("kt_admin", 200),
            denied=(("pw_admin", 404), ("khlong_toei_officer", 404)),
        ),
        Spec(
            kwargs=treasurer_grant,
            method="post",
            allowed=("kt_admin", 302),
            denied=(("pw_admin", 404), ("treasurer", 404)),
        ),
    ],
    # The access log names people: auditors and administrators only (scoping tested in
    # people/tests/test_access_log.py; a scoped administrator sees their area's entries).
    "people:access_log": Spec(
        allowed=("kt_admin", 200), denied=(("khlong_toei_officer", 403), ("treasurer", 403))
    ),
    "people:access_log_csv": Spec(
        allowed=("kt_admin", 200), denied=(("khlong_toei_officer", 403), ("treasurer", 403))
    ),
    "people:user_detail": Spec(
        kwargs=lambda w: {"pk": w.treasurer.pk},
        allowed=("kt_admin", 200),
        denied=(("pw_admin", 404), ("khlong_toei_officer", 404)),
    ),
    # -- survey data imports (surveys/imports): MANAGE_SURVEYS on the form's area
    "surveys:data_import_list": Spec(
        kwargs=kt_import_form, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
    ),
    "surveys:data_import_new": [
        Spec(kwargs=kt_import_form, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
        Spec(
            kwargs=kt_import_form,
            method="post",
            data=lambda w: {},
            note="an empty upload: the form again with its error",
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_survey_imports,
        ),
    ],
    "surveys:data_import_detail": Spec(
        kwargs=kt_survey_import, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
    ),
    "surveys:data_import_progress": Spec(
        kwargs=kt_survey_import, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
    ),
    "surveys:data_import_write": Spec(
        kwargs=kt_survey_import,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
        unchanged=_survey_imports,
        note="an import not checked yet is not written: back to its page with a message",
    ),
    "surveys:data_import_rerun": Spec(
        kwargs=kt_survey_import,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
        unchanged=_survey_imports,
        note="an import that did not fail is not run again: back to its page with a message",
    ),
    # -- API
    "api:api-root": api(allowed=("no_role", 200), denied=()),
    "api:area-list": api(denied=(("pathum_wan_officer", 200), ("no_role", 200)), secret=_kt_name),
    "api:area-detail": api(kwargs=lock_123),
    "api:area-children": api(kwargs=khlong_toei, secret=lambda w: w.lock_123.name_en),
    "api:organisation-list": api(
        denied=(("pathum_wan_officer", 200), ("no_role", 200)), secret=_org_name
    ),
    "api:organisation-detail": api(kwargs=kt_office),
    "api:token": public(
        method="post", data=_credentials, note="public: exchanges credentials for a token"
    ),
    "api:schema": public(note="the API description is public"),
    "api:docs": public(),
    "api:redoc": public(),
    # -- survey forms
    "surveys:forms_list": Spec(
        kwargs=_with_kt_form,
        denied=(("pathum_wan_officer", 200), ("treasurer", 403), ("no_role", 403)),
        secret=lambda w: "kt_houses",
        note="reviewers and managers of surveys; others hold no survey permission: 403",
    ),
    "surveys:forms_new": Spec(
        denied=(("treasurer", 403), ("no_role", 403)),
        note="any survey manager may upload, choosing an area of their own scope",
    ),
    "surveys:forms_detail": Spec(kwargs=kt_survey_form, denied=SURVEY_DENIED),
    "surveys:forms_version_new": Spec(kwargs=kt_survey_form, denied=SURVEY_DENIED),
    "surveys:forms_version": Spec(kwargs=kt_survey_version, denied=SURVEY_DENIED),
    "surveys:forms_version_media": Spec(
        kwargs=kt_survey_version,
        method="post",
        allowed=("khlong_toei_officer", 400),
        denied=SURVEY_DENIED,
        unchanged=_uploaded_media,
        note="no file posted: the version page again with the error",
    ),
    "surveys:forms_version_publish": [
        Spec(kwargs=kt_survey_version, denied=SURVEY_DENIED),
        Spec(
            kwargs=kt_survey_version,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=SURVEY_DENIED,
            unchanged=_published_versions,
        ),
    ],
    "surveys:forms_version_xlsform": Spec(kwargs=kt_survey_version, denied=SURVEY_DENIED),
    "surveys:forms_version_xform": Spec(kwargs=kt_survey_version, denied=SURVEY_DENIED),
    "api:survey-form-list": api(
        kwargs=_with_kt_form,
        denied=(("pathum_wan_officer", 200), ("no_role", 403)),
        secret=lambda w: "kt_houses",
    ),
    "api:survey-form-detail": api(kwargs=kt_survey_form, denied=SURVEY_DENIED),
    "api:survey-form-version-list": api(
        kwargs=_with_kt_form,
        denied=(("pathum_wan_officer", 200), ("no_role", 403)),
        secret=lambda w: "kt_houses",
    ),
    "api:survey-form-version-detail": api(kwargs=kt_survey_version, denied=SURVEY_DENIED),
    "api:survey-form-version-publish": api(
        kwargs=kt_survey_version,
        method="post",
        denied=SURVEY_DENIED,
        unchanged=_published_versions,
    ),
    # -- surveys: exports
    "surveys:export_form": Spec(kwargs=kt_export_form, denied=EXPORT_DENIED),
    "surveys:export_download": Spec(
        kwargs=kt_export_form, denied=EXPORT_DENIED, note="a streamed csv.zip"
    ),
    "surveys:export_job_new": Spec(
        kwargs=kt_export_form,
        method="post",
        data=lambda w: {"format": "xlsx", "label_language": "default"},
        allowed=("khlong_toei_officer", 302),
        denied=EXPORT_DENIED,
        unchanged=_export_jobs,
    ),
    "surveys:export_job_list": Spec(
        denied=(("treasurer", 403),), note="only one's own exports: see test_exports_formats"
    ),
    "surveys:export_job_detail": Spec(kwargs=kt_export_job, denied=EXPORT_DENIED),
    "surveys:export_job_progress": Spec(kwargs=kt_export_job, denied=EXPORT_DENIED),
    "surveys:export_job_file": Spec(kwargs=kt_export_job, denied=EXPORT_DENIED),
    "surveys:export_job_rerun": Spec(
        kwargs=kt_export_job,
        method="post",
        allowed=("khlong_toei_officer", 302),
        denied=EXPORT_DENIED,
        note="a finished export is not run again: back to its page",
    ),
    # -- surveys: web forms (SUBMIT on the form's area, or a campaign's team)
    "surveys:webform_list": Spec(
        kwargs=wf.kt_webform_list,
        denied=(("pathum_wan_officer", 200), ("no_role", 200)),
        secret=wf.kt_form_name,
        note="a list: everyone signed in gets 200, with the forms they may fill",
    ),
    "surveys:webform_sw": public(note="the service worker script: no data in it"),
    "surveys:webform": Spec(
        kwargs=wf.kt_webform, denied=(("pathum_wan_officer", 404), ("no_role", 403))
    ),
    "surveys:webform_xform": Spec(
        kwargs=wf.kt_webform, denied=(("pathum_wan_officer", 404), ("no_role", 403))
    ),
    "surveys:webform_media": Spec(
        kwargs=wf.kt_media, denied=(("pathum_wan_officer", 404), ("no_role", 403))
    ),
    "surveys:webform_submit": Spec(
        kwargs=wf.kt_webform,
        method="post",
        data=wf.kt_submission,
        allowed=("khlong_toei_officer", 201),
        denied=(("pathum_wan_officer", 404), ("no_role", 403)),
        unchanged=wf.submissions,
    ),
    # -- surveys: OpenRosa (signed in)
    "surveys:openrosa_form_list": openrosa(
        kwargs=lambda w: (_or_version(w), {})[1],
        denied=(("pathum_wan_officer", 200), ("no_role", 200)),
        secret=lambda w: f"<formID>{_or_version(w).form.xml_form_id}</formID>",
        note="forms in the reader's SUBMIT scope only",
    ),
    "surveys:openrosa_form_xml": openrosa(kwargs=_or_pk),
    "surveys:openrosa_manifest": openrosa(kwargs=_or_pk),
    "surveys:openrosa_media": openrosa(kwargs=_or_media),
    "surveys:openrosa_submission": [
        openrosa(allowed=("khlong_toei_officer", 204), denied=(), note="HEAD/GET: 204"),
        openrosa(
            method="post",
            allowed=None,
            denied=(("khlong_toei_officer", 401),),
            unchanged=_submissions,
            note="a browser session never submits: Basic credentials are needed",
        ),
    ],
    # -- surveys: OpenRosa (app users, token in the path)
    "surveys:openrosa_key_form_list": [
        token_spec(kwargs=_key),
        token_spec(kwargs=_revoked_key, anonymous=403, allowed=None, note="revoked token"),
    ],
    "surveys:openrosa_key_form_xml": [
        token_spec(kwargs=_key_and(_or_pk)),
        token_spec(kwargs=lambda w: {**_revoked_key(w), **_or_pk(w)}, anonymous=403, allowed=None),
    ],
    "surveys:openrosa_key_manifest": token_spec(kwargs=_key_and(_or_pk)),
    "surveys:openrosa_key_media": token_spec(kwargs=_key_and(_or_media)),
    "surveys:openrosa_key_submission": [
        token_spec(kwargs=_key, anonymous=204, allowed=("no_role", 204)),
        token_spec(
            kwargs=_key,
            method="post",
            anonymous=400,
            allowed=None,
            unchanged=_submissions,
            note="a POST without xml_submission_file",
        ),
        token_spec(
            kwargs=_revoked_key, method="post", anonymous=403, allowed=None, unchanged=_submissions
        ),
    ],
    # -- surveys: app users of a campaign
    "surveys:app_user_list": [
        Spec(kwargs=_or_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
        Spec(
            kwargs=_or_campaign,
            method="post",
            data=lambda w: {"display_name": "Team 9"},
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_app_users,
        ),
    ],
    "surveys:app_user_codes": Spec(
        kwargs=_or_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
    ),
    "surveys:app_user_revoke": [
        Spec(kwargs=_or_app_user_pk, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
        Spec(
            kwargs=_or_app_user_pk,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_app_users,
        ),
    ],
}


# -- survey campaigns


def kt_campaign(world: World) -> dict[str, Any]:
    from mahalla.surveys.models import Campaign

    campaign = Campaign.objects.create(
        name_en="Khlong Toei survey", area=world.khlong_toei, status=Campaign.Status.OPEN
    )
    return {"pk": campaign.pk}


def _campaign_names(world: World) -> int:
    """Campaigns renamed by the refused write (the campaign itself is made by `kwargs`)."""
    from mahalla.surveys.models import Campaign

    return Campaign.objects.filter(name_en="Hijacked").count()


def _campaign_data(world: World) -> dict[str, Any]:
    return {"name_en": "Hijacked", "area": world.khlong_toei.pk, "status": "planned"}


def _targets(world: World) -> int:
    from mahalla.surveys.models import CampaignTarget

    return CampaignTarget.objects.count()


# --- surveys: submissions ---
def _kt_submission(world: World):
    """One submission in Lock 1-2-3 of a Khlong Toei form, made once per test."""
    from mahalla.surveys.models import Submission
    from mahalla.surveys.testing import make_submission, make_version

    found = Submission.objects.filter(instance_id="uuid:matrix").first()
    if found:
        return found
    version = make_version(world.khlong_toei, form_id="matrix_form")
    return make_submission(version, instance_id="uuid:matrix", photo="p.jpg")


def kt_submission(world: World) -> dict[str, Any]:
    return {"pk": _kt_submission(world).pk}


def kt_attachment(world: World) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from mahalla.surveys.models import Attachment

    submission = _kt_submission(world)
    attachment = Attachment.objects.filter(version=submission.current).first()
    if attachment is None:
        attachment = Attachment(version=submission.current, name="p.jpg", content_type="image/jpeg")
        attachment.file.save("p.jpg", ContentFile(b"jpeg"), save=True)
    return {"pk": attachment.pk}


def kt_form(world: World) -> dict[str, Any]:
    return {"form_pk": _kt_submission(world).form_id}


def kt_submission_job(world: World) -> dict[str, Any]:
    from mahalla.surveys.models import SubmissionJob

    form = _kt_submission(world).form
    job = SubmissionJob.objects.filter(form=form).first() or SubmissionJob.objects.create(
        kind=SubmissionJob.Kind.REPARSE, form=form, status="failed"
    )
    return {"pk": job.pk}


def _review_state(world: World) -> str:
    from mahalla.surveys.models import Submission

    _kt_submission(world)
    return str(list(Submission.objects.values_list("review_state", flat=True)))


def _comment_count(world: World) -> int:
    from mahalla.surveys.models import SubmissionComment

    _kt_submission(world)
    return SubmissionComment.objects.count()


def with_kt_submission(world: World) -> dict[str, Any]:
    """No URL arguments; the submission a list must show (or hide) exists first."""
    _kt_submission(world)
    return {}


SPECS.update(
    {
        "surveys:campaign_list": Spec(
            kwargs=lambda w: (kt_campaign(w), {})[1],
            denied=(("pathum_wan_officer", 200), ("no_role", 403), ("treasurer", 403)),
            secret=lambda w: "Khlong Toei survey",
            note="needs view-submissions somewhere; narrowed to the scope",
        ),
        "surveys:campaign_create": [
            Spec(denied=(("no_role", 403), ("treasurer", 403))),
            Spec(
                method="post",
                data=_campaign_data,
                allowed=("khlong_toei_officer", 302),
                denied=(("pathum_wan_officer", 200), ("treasurer", 403)),
                unchanged=lambda w: Campaign_count(),
                note="out of scope the area is not a choice: the form answers with an error",
            ),
        ],
        "surveys:campaign_detail": Spec(
            kwargs=kt_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
        ),
        "surveys:campaign_update": [
            Spec(kwargs=kt_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
            Spec(
                kwargs=kt_campaign,
                method="post",
                data=_campaign_data,
                allowed=None,
                denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
                unchanged=_campaign_names,
            ),
        ],
        "surveys:campaign_progress_geojson": Spec(
            kwargs=kt_campaign, denied=(("pathum_wan_officer", 404), ("no_role", 403))
        ),
        "surveys:campaign_targets": [
            Spec(kwargs=kt_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
            Spec(
                kwargs=kt_campaign,
                method="post",
                data=lambda w: {f"area_{w.lock_123.pk}": "5"},
                allowed=None,
                denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
                unchanged=_targets,
            ),
        ],
        "surveys:campaign_targets_import": Spec(
            kwargs=kt_campaign, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
        ),
        "surveys:campaign_targets_confirm": Spec(
            kwargs=kt_campaign,
            method="post",
            data=lambda w: {"plan": "forged"},
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_targets,
            note="a forged plan is refused: back to the upload with a message",
        ),
        "api:campaign-list": api(
            kwargs=lambda w: (kt_campaign(w), {})[1],
            denied=(("pathum_wan_officer", 200),),
            secret=lambda w: "Khlong Toei survey",
        ),
        "api:campaign-detail": api(kwargs=kt_campaign),
        "api:campaign-targets": api(kwargs=kt_campaign),
        "api:campaign-progress": api(kwargs=kt_campaign),
        "surveys:submission_list": Spec(
            kwargs=with_kt_submission,
            denied=(("pathum_wan_officer", 200), ("treasurer", 403)),
            secret=lambda w: _kt_submission(w).instance_id,
        ),
        "surveys:my_submissions": Spec(allowed=("no_role", 200), denied=()),
        "surveys:submission_detail": Spec(
            kwargs=kt_submission, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
        ),
        "surveys:submission_review": Spec(
            kwargs=kt_submission,
            method="post",
            data=lambda w: {"state": "approved", "confirmed": "1"},
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_review_state,
        ),
        "surveys:submission_comment": Spec(
            kwargs=kt_submission,
            method="post",
            data=lambda w: {"body": "a note"},
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
            unchanged=_comment_count,
        ),
        "surveys:submission_attachment": Spec(
            kwargs=kt_attachment, denied=(("pathum_wan_officer", 404), ("treasurer", 404))
        ),
        "surveys:submission_reparse": Spec(
            kwargs=kt_form,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
        ),
        "surveys:submission_job_detail": Spec(
            kwargs=kt_submission_job, denied=(("pathum_wan_officer", 404), ("treasurer", 403))
        ),
        "surveys:submission_job_rerun": Spec(
            kwargs=kt_submission_job,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
        ),
        "api:submission-list": api(
            kwargs=with_kt_submission,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: _kt_submission(w).instance_id,
        ),
        "api:submission-detail": api(kwargs=kt_submission),
        "api:submission-versions": api(kwargs=kt_submission),
        "api:submission-comments": api(kwargs=kt_submission),
        "api:submission-review": api(
            kwargs=kt_submission,
            method="post",
            data=lambda w: {"state": "approved"},
            denied=(("pathum_wan_officer", 404), ("no_role", 404)),
            unchanged=_review_state,
        ),
    }
)


# -- registry


def _kt_household(world: World):
    from mahalla.registry.models import Household

    found = Household.objects.filter(head_name="Somsri Matrix").first()
    return found or Household.objects.create(
        area=world.lock_123, city=world.bangkok, head_name="Somsri Matrix"
    )


def kt_household(world: World) -> dict[str, Any]:
    return {"pk": _kt_household(world).pk}


def with_kt_household(world: World) -> dict[str, Any]:
    _kt_household(world)
    return {}


def kt_household_pair(world: World) -> dict[str, Any]:
    from mahalla.registry.models import Household

    other = Household.objects.filter(head_name="Somsri Matrix 2").first()
    other = other or Household.objects.create(
        area=world.lock_123, city=world.bangkok, head_name="Somsri Matrix 2"
    )
    return {"pk": _kt_household(world).pk, "other": other.pk}


def _merges(world: World) -> int:
    from mahalla.registry.models import HouseholdMerge

    return HouseholdMerge.objects.count()


def kt_merge(world: World) -> dict[str, Any]:
    from mahalla.registry.duplicates import household_merge
    from mahalla.registry.models import HouseholdMerge

    found = HouseholdMerge.objects.filter(undone_at__isnull=True).first()
    if found is None:
        pair = kt_household_pair(world)
        found = household_merge(
            user=world.admin,
            kept=Household_get(pair["pk"]),
            merged=Household_get(pair["other"]),
        )
    return {"pk": found.pk}


def Household_get(pk: int):  # noqa: N802 - reads as the model's lookup
    from mahalla.registry.models import Household

    return Household.objects.get(pk=pk)


def _undone_merges(world: World) -> int:
    from mahalla.registry.models import HouseholdMerge

    return HouseholdMerge.objects.filter(undone_at__isnull=False).count()


def _mappings(world: World) -> int:
    from mahalla.registry.models import FormMapping

    return FormMapping.objects.count()


def _a_value():
    from mahalla.registry.models import Value

    return Value.objects.order_by("pk").first()


def _kt_profile(world: World):
    from mahalla.registry.models import SettlementProfile

    found = SettlementProfile.objects.filter(area=world.lock_123).first()
    return found or SettlementProfile.objects.create(
        area=world.lock_123, city=world.bangkok, households=12
    )


def kt_profile(world: World) -> dict[str, Any]:
    return {"pk": _kt_profile(world).pk}


def with_kt_profile(world: World) -> dict[str, Any]:
    _kt_profile(world)
    return {}


def _deleted_households(world: World) -> int:
    from mahalla.registry.models import Household

    return Household.objects.filter(is_deleted=True).count()


def _restored_households(world: World) -> int:
    # Counted before `kwargs` deletes the household, and again after the refused restore.
    from mahalla.registry.models import Household

    return Household.objects.filter(head_name="Somsri Matrix", is_deleted=False).count()


def _deleted_kt_household(world: World) -> dict[str, Any]:
    household = _kt_household(world)
    household.is_deleted = True
    household.save()
    return {"pk": household.pk}


def _kt_relationship(world: World):
    """Somsri Matrix's house in Lock 1-2-3, and her household's right to it."""
    from mahalla.registry.models import SpatialUnit, TenureRelationship, Value

    household = _kt_household(world)
    found = TenureRelationship.objects.filter(household=household).first()
    if found is not None:
        return found
    unit = SpatialUnit.objects.create(kind="structure", area=world.lock_123, label="12/3")
    return TenureRelationship.objects.create(
        household=household,
        spatial_unit=unit,
        tenure_type=Value.objects.filter(list="tenure_type").order_by("pk").first(),
    )


def kt_relationship(world: World) -> dict[str, Any]:
    relationship = _kt_relationship(world)
    return {"pk": relationship.household_id, "rel": relationship.pk}


def _kt_document(world: World, removed: bool = False):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from mahalla.registry.models import EvidenceDocument

    relationship = _kt_relationship(world)
    document = EvidenceDocument.objects.filter(
        relationship=relationship, removed_at__isnull=not removed
    ).first()
    if document is None:
        document = EvidenceDocument(
            relationship=relationship, name="deed.pdf", sha256="0" * 64, size=9,
            content_type="application/pdf", removed_at=timezone.now() if removed else None,
        )  # fmt: skip
        document.file.save("deed.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return document


def kt_document(world: World) -> dict[str, Any]:
    return {"pk": _kt_document(world).pk}


def removed_kt_document(world: World) -> dict[str, Any]:
    return {"pk": _kt_document(world, removed=True).pk}


def _documents(world: World) -> tuple[int, int]:
    from mahalla.registry.models import EvidenceDocument

    return (
        EvidenceDocument.objects.count(),
        EvidenceDocument.objects.filter(removed_at__isnull=True).count(),
    )


def _documents_with_one(world: World) -> tuple[int, int]:
    # Counted before `kwargs` makes the document: it is made here first.
    _kt_document(world)
    return _documents(world)


def _documents_with_a_removed_one(world: World) -> tuple[int, int]:
    _kt_document(world, removed=True)
    return _documents(world)


def _relationship_dates(world: World):
    relationship = _kt_relationship(world)
    relationship.refresh_from_db()
    return relationship.valid_from, relationship.valid_to


def _evidence_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    prefix = f"evidence-{_kt_relationship(world).pk}"
    return {f"{prefix}-file": SimpleUploadedFile("lease.pdf", b"%PDF-1.7 lease")}


def _dates(world: World) -> dict[str, Any]:
    return {f"dates-{_kt_relationship(world).pk}-valid_from": "2024-06-01"}


def with_kt_document(world: World) -> dict[str, Any]:
    _kt_document(world)
    return {}


def kt_unit(world: World) -> dict[str, Any]:
    return {"pk": _kt_relationship(world).spatial_unit_id}


def kt_relationship_pk(world: World) -> dict[str, Any]:
    return {"pk": _kt_relationship(world).pk}


def _values(world: World) -> list:
    from mahalla.registry.models import Value

    return list(Value.objects.order_by("pk").values_list("code", "name_en", "rank", "active"))


def a_value(world: World) -> dict[str, Any]:
    return {"pk": _a_value().pk}


VALUE_DENIED = (("khlong_toei_officer", 403), ("pathum_wan_officer", 403), ("no_role", 403))


def kt_report(world: World) -> dict[str, Any]:
    """A finished district report of the Khlong Toei officer, with its stored PDF."""
    from django.core.files.base import ContentFile

    from mahalla.registry.models import DistrictReport

    report = DistrictReport.objects.filter(created_by=world.khlong_toei_officer).first()
    if report is None:
        report = DistrictReport.objects.create(
            area=world.khlong_toei, language="th", created_by=world.khlong_toei_officer,
            status="done", size=9,
        )  # fmt: skip
        report.file.save("report.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return {"pk": report.pk}


def _with_kt_report(world: World) -> dict[str, Any]:
    kt_report(world)
    return {}


def _kt_report_url(world: World) -> str:
    from mahalla.registry.models import DistrictReport

    report = DistrictReport.objects.get(created_by=world.khlong_toei_officer)
    return reverse("registry:report_detail", kwargs={"pk": report.pk})


def _report_count(world: World) -> int:
    from mahalla.registry.models import DistrictReport

    return DistrictReport.objects.count()


# Reports are their maker's: even an administrator (who may see the area) gets a 404.
REPORT_DENIED = (("pathum_wan_officer", 404), ("admin", 404), ("no_role", 403))


# Households are personal data: the treasurer (no VIEW_PERSONAL_DATA) is refused everywhere.
HOUSEHOLD_DENIED = (("pathum_wan_officer", 404), ("treasurer", 403))

SPECS.update(
    {
        "registry:settlement_list": Spec(
            denied=(("pathum_wan_officer", 200),),
            secret=lambda w: w.lock_123.name_en,
            note="communities in the reader's scope only",
        ),
        "registry:settlement_detail": Spec(
            kwargs=lock_123, denied=(("pathum_wan_officer", 404), ("no_role", 403))
        ),
        "registry:household_list": Spec(
            kwargs=with_kt_household,
            denied=(("pathum_wan_officer", 200), ("treasurer", 403), ("no_role", 403)),
            secret=lambda w: "Somsri Matrix",
        ),
        "registry:household_detail": Spec(kwargs=kt_household, denied=HOUSEHOLD_DENIED),
        "registry:household_delete": [
            Spec(kwargs=kt_household, denied=HOUSEHOLD_DENIED),
            Spec(
                kwargs=kt_household,
                method="post",
                allowed=("khlong_toei_officer", 302),
                denied=HOUSEHOLD_DENIED,
                unchanged=_deleted_households,
            ),
        ],
        "api:registry-value-list": api(denied=()),
        "api:registry-value-detail": api(
            kwargs=lambda w: {"pk": _a_value().pk}, denied=(("no_role", 404),)
        ),
        "api:settlement-profile-list": api(
            kwargs=with_kt_profile,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: f'"id":{_kt_profile(w).pk},',
        ),
        "api:settlement-profile-detail": api(kwargs=kt_profile),
        "api:household-list": api(
            kwargs=with_kt_household,
            denied=(("pathum_wan_officer", 200), ("treasurer", 200), ("no_role", 200)),
            secret=lambda w: "Somsri Matrix",
            note="the treasurer gets the households without their personal fields",
        ),
        "api:household-detail": api(kwargs=kt_household),
        "registry:duplicate_list": Spec(
            denied=(("pathum_wan_officer", 200), ("treasurer", 403), ("no_role", 403))
        ),
        "registry:household_merge": [
            Spec(kwargs=kt_household_pair, denied=HOUSEHOLD_DENIED),
            Spec(
                kwargs=kt_household_pair,
                method="post",
                allowed=("khlong_toei_officer", 302),
                denied=HOUSEHOLD_DENIED,
                unchanged=_merges,
            ),
        ],
        "registry:merge_undo": Spec(
            kwargs=kt_merge,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=HOUSEHOLD_DENIED,
            unchanged=_undone_merges,
        ),
        "registry:dashboard_home": Spec(denied=(("no_role", 403),)),
        "registry:mapping_list": Spec(
            kwargs=_with_kt_form,
            denied=(("pathum_wan_officer", 200), ("treasurer", 403)),
            secret=lambda w: "kt_houses",
        ),
        "registry:mapping_edit": [
            Spec(kwargs=kt_survey_form, denied=(("pathum_wan_officer", 404), ("treasurer", 403))),
            Spec(
                kwargs=kt_survey_form,
                method="post",
                data=lambda w: {"save": "1", "target": "household", "active": "on"},
                allowed=("khlong_toei_officer", 302),
                denied=(("pathum_wan_officer", 404), ("treasurer", 403)),
                unchanged=_mappings,
            ),
        ],
        "registry:public_home": public(),
        "registry:public_dashboard": public(
            kwargs=khlong_toei,
            secret=lambda w: "<h1><bdi>Khlong Toei</bdi>",
            note="aggregates only, for anyone (tested for names in test_public_dashboard)",
        ),
        "registry:dashboard": Spec(
            kwargs=khlong_toei, denied=(("pathum_wan_officer", 404), ("no_role", 403))
        ),
        "registry:dashboard_geojson": Spec(
            kwargs=khlong_toei, denied=(("pathum_wan_officer", 404), ("no_role", 403))
        ),
        "registry:dashboard_xlsx": Spec(
            kwargs=khlong_toei, denied=(("pathum_wan_officer", 404), ("no_role", 403))
        ),
        "registry:report_new": Spec(
            kwargs=khlong_toei,
            method="post",
            data=lambda w: {"language": "th"},
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("no_role", 403)),
            unchanged=_report_count,
        ),
        "registry:report_list": Spec(
            kwargs=_with_kt_report,
            denied=(("pathum_wan_officer", 200), ("admin", 200), ("no_role", 403)),
            secret=_kt_report_url,
            note="one's own reports only",
        ),
        "registry:report_detail": Spec(kwargs=kt_report, denied=REPORT_DENIED),
        "registry:report_progress": Spec(kwargs=kt_report, denied=REPORT_DENIED),
        "registry:report_file": Spec(kwargs=kt_report, denied=REPORT_DENIED),
        "registry:report_rerun": Spec(
            kwargs=kt_report,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=REPORT_DENIED,
            note="a finished report is not made again: back to its page",
        ),
        "registry:tenure_dates": Spec(
            kwargs=kt_relationship,
            method="post",
            data=_dates,
            allowed=("khlong_toei_officer", 302),
            denied=HOUSEHOLD_DENIED,
            unchanged=_relationship_dates,
        ),
        "registry:evidence_upload": Spec(
            kwargs=kt_relationship,
            method="post",
            data=_evidence_upload,
            allowed=("khlong_toei_officer", 302),
            denied=HOUSEHOLD_DENIED,
            unchanged=_documents,
        ),
        "registry:evidence_download": Spec(
            kwargs=kt_document, denied=(("pathum_wan_officer", 404), ("treasurer", 404))
        ),
        "registry:evidence_remove": [
            Spec(kwargs=kt_document, denied=(("pathum_wan_officer", 404), ("treasurer", 404))),
            Spec(
                kwargs=kt_document,
                method="post",
                allowed=("khlong_toei_officer", 302),
                denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
                unchanged=_documents_with_one,
            ),
        ],
        "registry:evidence_restore": Spec(
            kwargs=removed_kt_document,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("pathum_wan_officer", 404), ("treasurer", 404)),
            unchanged=_documents_with_a_removed_one,
        ),
        "api:spatial-unit-list": api(
            kwargs=with_kt_document,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: f'"id":{_kt_relationship(w).spatial_unit_id},',
        ),
        "api:spatial-unit-detail": api(kwargs=kt_unit),
        "api:tenure-relationship-list": api(
            kwargs=with_kt_document,
            denied=(("pathum_wan_officer", 200), ("treasurer", 200), ("no_role", 200)),
            secret=lambda w: '"name":"deed.pdf"',
            note="the treasurer gets the relationships without the documents' names",
        ),
        "api:tenure-relationship-detail": api(kwargs=kt_relationship_pk),
        "registry:value_lists": Spec(denied=(("no_role", 403),)),
        "registry:value_list": [
            Spec(kwargs=lambda w: {"list_name": "tenure_type"}, denied=(("no_role", 403),)),
            Spec(
                kwargs=lambda w: {"list_name": "tenure_type"},
                method="post",
                data=lambda w: {"new-code": "matrix", "new-name_en": "Matrix", "new-rank": "1"},
                allowed=("admin", 302),
                denied=VALUE_DENIED,
                unchanged=_values,
                note="the lists are every city's: only an administrator of everything",
            ),
        ],
        "registry:value_change": [
            Spec(kwargs=a_value, allowed=("admin", 200), denied=VALUE_DENIED),
            Spec(
                kwargs=a_value,
                method="post",
                data=lambda w: {"name_en": "Changed", "rank": "1", "active": "on"},
                allowed=("admin", 302),
                denied=VALUE_DENIED,
                unchanged=_values,
            ),
        ],
        "registry:household_restore": Spec(
            kwargs=_deleted_kt_household,
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=HOUSEHOLD_DENIED,
            unchanged=_restored_households,
        ),
    }
)


def Campaign_count() -> int:  # noqa: N802 - reads as the model's count
    from mahalla.surveys.models import Campaign

    return Campaign.objects.count()


# -- walking the URL configuration


# -- governance: the Khlong Toei housing working group. Pages answer 403 to a person without
# any governance role (no_role) and 404 out of scope; writes leave nothing behind when refused.
GOV_DENIED = (("pathum_wan_officer", 404), ("no_role", 403))


def _gov_post(kwargs, data, unchanged, allowed=("khlong_toei_officer", 302)) -> Spec:
    return Spec(
        kwargs=kwargs,
        method="post",
        data=data,
        allowed=allowed,
        denied=GOV_DENIED,
        unchanged=unchanged,
    )


SPECS.update(
    {
        "governance:body_list": Spec(
            kwargs=gov.with_kt_body,
            denied=(("pathum_wan_officer", 200), ("no_role", 403)),
            secret=lambda w: gov.BODY_NAME,
        ),
        "governance:attention": Spec(denied=(("no_role", 403),)),
        "governance:body_detail": Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
        "governance:body_new": [
            Spec(denied=(("treasurer", 403), ("no_role", 403))),
            Spec(
                method="post",
                data=gov.body_data,
                allowed=("khlong_toei_officer", 302),
                denied=(("treasurer", 403), ("no_role", 403)),
                unchanged=gov.bodies,
            ),
        ],
        "governance:body_edit": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(gov.kt_body, gov.body_data, gov.bodies),
        ],
        "governance:membership_add": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(gov.kt_body, gov.membership_data, gov.memberships),
        ],
        "governance:membership_end": _gov_post(gov.kt_membership, None, gov.terms_ended),
        "governance:meeting_new": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(gov.kt_body, gov.meeting_data, gov.count(gov.Meeting)),
        ],
        "governance:resolution_new": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(gov.kt_body, gov.resolution_data, gov.resolution_texts),
        ],
        "governance:resolutions_print": Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
        "governance:body_csv": Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
        "governance:meeting_detail": Spec(kwargs=gov.kt_meeting, denied=GOV_DENIED),
        "governance:meeting_attendance": _gov_post(
            gov.kt_meeting, gov.attendance_data, gov.attendance_present
        ),
        "governance:meeting_minutes": _gov_post(
            gov.kt_meeting, lambda w: {"minutes": "Matrix minutes"}, gov.minutes
        ),
        "governance:meeting_resolution_new": _gov_post(
            gov.kt_meeting, gov.resolution_data, gov.resolution_texts
        ),
        "governance:resolution_detail": Spec(kwargs=gov.kt_resolution, denied=GOV_DENIED),
        "governance:meeting_file_upload": _gov_post(
            gov.kt_meeting,
            lambda w: {"file": gov.SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")},
            gov.meeting_files,
        ),
        "governance:meeting_file": Spec(kwargs=gov.meeting_file, denied=GOV_DENIED),
        "governance:resolution_edit": _gov_post(
            gov.kt_resolution, gov.edit_data, gov.resolution_texts
        ),
        "governance:report_new": _gov_post(
            gov.kt_resolution, lambda w: {"text": "Matrix report"}, gov.count(gov.ProgressReport)
        ),
        "governance:report_attachment": Spec(kwargs=gov.kt_report, denied=GOV_DENIED),
        "governance:organisation_tracker": Spec(kwargs=gov.kt_office, denied=GOV_DENIED),
        "governance:organisation_csv": Spec(kwargs=gov.kt_office, denied=GOV_DENIED),
        "governance:public_body": public(kwargs=gov.kt_body),
        "governance:body_feed": public(
            kwargs=gov.kt_body, note="a public body's meetings; closed bodies: see test_feeds"
        ),
        "governance:person_feed": public(
            kwargs=gov.feed, note="the address is the key; a wrong token is 404 (test_feeds)"
        ),
        "governance:feed_renew": Spec(
            method="post",
            allowed=("khlong_toei_officer", 302),
            denied=(("no_role", 403),),
            unchanged=gov.feed_tokens,
        ),
        "governance:minutes_pdf": Spec(kwargs=gov.kt_meeting, denied=GOV_DENIED),
        "governance:neighbourhood": Spec(kwargs=lambda w: {"pk": w.lock_123.pk}, denied=GOV_DENIED),
        "governance:election_new": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(
                gov.kt_body,
                lambda w: {"position": "member", "seats": "1", "method": "paper"},
                gov.elections,
                allowed=("khlong_toei_officer", 200),
            ),
        ],
        "governance:election_detail": Spec(kwargs=gov.kt_election, denied=GOV_DENIED),
        "governance:election_act": _gov_post(
            gov.kt_election,
            lambda w: {"act": "candidate", "person_name": "Intruder", "age": "30"},
            gov.election_state,
        ),
        "governance:public_resolution": [
            public(kwargs=gov.kt_resolution),
            public(
                kwargs=gov.kt_resolution,
                method="post",
                data=lambda w: {"text": "An update from a resident"},
                anonymous=302,
                allowed=("no_role", 302),
                note="residents (signed in or not) send updates to the body",
            ),
        ],
        "governance:calendar_list": Spec(denied=(("no_role", 403),)),
        "governance:holiday_add": Spec(
            kwargs=gov.thai_calendar,
            method="post",
            data=lambda w: {"date": "2027-05-05", "name_en": "Matrix day"},
            allowed=("admin", 302),
            denied=(("khlong_toei_officer", 403), ("kt_admin", 403), ("no_role", 403)),
            unchanged=gov.holidays,
            note="calendars are shared by a country: administrators of everything only",
        ),
        "governance:holiday_remove": Spec(
            kwargs=gov.holiday,
            method="post",
            allowed=("admin", 302),
            denied=(("khlong_toei_officer", 403), ("kt_admin", 403), ("no_role", 403)),
            unchanged=gov.holidays,
        ),
        "governance:vote": public(note="a resident's ballot: the voting code is the key"),
        "governance:document_list": Spec(
            kwargs=gov.with_documents,
            denied=(("pathum_wan_officer", 200), ("no_role", 403)),
            secret=lambda w: "Matrix document",
        ),
        "governance:document_new": [
            Spec(kwargs=gov.kt_body, denied=GOV_DENIED),
            _gov_post(
                gov.kt_body,
                lambda w: {
                    "kind": "social_annex",
                    "title": "Matrix annex",
                    "scheme": "",
                    "weight_votes": "50",
                    "weight_severity": "30",
                    "weight_reach": "20",
                },
                gov.document_state,
                allowed=("khlong_toei_officer", 200),
            ),
        ],
        "governance:document_detail": Spec(kwargs=gov.kt_document, denied=GOV_DENIED),
        "governance:need_add": _gov_post(gov.kt_document, gov.need_data, gov.document_state),
        "governance:need_vote": _gov_post(gov.kt_need, None, gov.document_state),
        "governance:action_add": _gov_post(gov.kt_document, gov.action_data, gov.document_state),
        "governance:document_submit": _gov_post(gov.kt_document, None, gov.document_state),
        "governance:document_decide": _gov_post(
            gov.kt_submitted,
            lambda w: {"rank": "1", "decision": "approve"},
            gov.document_state,
        ),
        "api:body-list": api(
            kwargs=gov.with_kt_body,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: gov.BODY_NAME,
        ),
        "api:body-detail": api(kwargs=gov.kt_body, denied=(("pathum_wan_officer", 404),)),
        "api:meeting-list": api(
            kwargs=lambda w: (gov.meeting(w), {})[1],
            denied=(("pathum_wan_officer", 200),),
            secret=lambda w: f'"id":{gov.meeting(w).pk},',
        ),
        "api:meeting-detail": api(kwargs=gov.kt_meeting, denied=(("pathum_wan_officer", 404),)),
        "api:resolution-list": api(
            kwargs=lambda w: (gov.resolution(w), {})[1],
            denied=(("pathum_wan_officer", 200), ("focal_point", 200)),
            secret=lambda w: "ปรับปรุงฐานข้อมูลชุมชน",
        ),
        "api:resolution-detail": api(
            kwargs=gov.kt_resolution,
            denied=(("pathum_wan_officer", 404), ("focal_point", 404)),
        ),
        "api:development-document-list": api(
            kwargs=gov.with_documents,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: "Matrix document",
        ),
        "api:development-document-detail": api(
            kwargs=gov.kt_document, denied=(("pathum_wan_officer", 404), ("no_role", 404))
        ),
        "api:resolution-report": api(
            kwargs=gov.kt_resolution,
            method="post",
            data=lambda w: {"text": "Matrix report"},
            allowed=("khlong_toei_officer", 201),
            denied=(("pathum_wan_officer", 404), ("treasurer", 404), ("no_role", 404)),
            unchanged=gov.count(gov.ProgressReport),
        ),
    }
)


# -- savings: the Lock 1-2-3 group in Khlong Toei. The district officer reads; the treasurer
# (granted on Lock 1-2-3) records; the community leader's and programme staff's MANAGE is
# not held by either, so their managing writes are 403. Out of scope is 404, no role 403.
SAV_DENIED = (("pathum_wan_officer", 404), ("no_role", 403))
SAV_DENIED_WRITE = (("pathum_wan_officer", 404), ("no_role", 403), ("khlong_toei_officer", 403))


def _sav_post(kwargs, data, allowed=("treasurer", 302), denied=SAV_DENIED_WRITE) -> Spec:
    return Spec(kwargs=kwargs, method="post", data=data, allowed=allowed, denied=denied,
                unchanged=sav.books)  # fmt: skip


SPECS.update(
    {
        "savings:group_list": Spec(
            kwargs=sav.with_group,
            denied=(("pathum_wan_officer", 200), ("no_role", 403)),
            secret=lambda w: sav.GROUP_NAME,
        ),
        "savings:group_detail": Spec(kwargs=sav.kt_group, denied=SAV_DENIED),
        "savings:loan_list": Spec(kwargs=sav.kt_group, denied=SAV_DENIED),
        "savings:arrears": Spec(kwargs=sav.kt_group, denied=SAV_DENIED),
        "savings:reports": Spec(kwargs=sav.kt_group, denied=SAV_DENIED),
        "savings:passbook": Spec(kwargs=sav.kt_member, denied=SAV_DENIED),
        "savings:passbook_pdf": Spec(kwargs=sav.kt_member, denied=SAV_DENIED),
        "savings:meeting_sw": public(note="the service worker script: no data in it"),
        "savings:meeting_screen": [
            Spec(kwargs=sav.kt_meeting, denied=SAV_DENIED),
            _sav_post(sav.kt_meeting, lambda w: {}),
        ],
        "savings:loan_detail": Spec(kwargs=sav.kt_loan, denied=SAV_DENIED),
        "savings:loan_new": [
            Spec(kwargs=sav.kt_group, allowed=("treasurer", 200), denied=SAV_DENIED_WRITE),
            _sav_post(sav.kt_group, lambda w: {"principal": "x"}, allowed=("treasurer", 200)),
        ],
        "savings:collective_loan_new": [
            Spec(kwargs=sav.kt_group, allowed=("treasurer", 200), denied=SAV_DENIED_WRITE),
            _sav_post(sav.kt_group, lambda w: {"principal": "x"}, allowed=("treasurer", 200)),
        ],
        "savings:member_add": _sav_post(
            sav.kt_group,
            lambda w: {"name": "Matrix member", "joined_on": "2025-01-01"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "savings:period_close": _sav_post(
            sav.kt_group,
            lambda w: {"through": "2024-12-31"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "savings:meeting_open": _sav_post(sav.kt_group, lambda w: {"held_on": "2025-03-01"}),
        "savings:meeting_entry": _sav_post(
            sav.kt_entry, sav.entry_data, allowed=("treasurer", 201)
        ),
        "savings:meeting_close": _sav_post(sav.kt_meeting, lambda w: {"cash_counted": "x"}),
        "savings:loan_decide": _sav_post(
            sav.kt_application,
            lambda w: {"decision": "approve", "approvers": "chair"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "savings:loan_disburse": _sav_post(sav.kt_loan, lambda w: {"day": "2025-01-20"}),
        "savings:committee_add": _sav_post(
            sav.kt_group,
            sav.committee_data,
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "savings:loan_write_off": _sav_post(
            sav.kt_loan,
            lambda w: {"memo": "matrix"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "savings:loan_reschedule": _sav_post(
            sav.kt_loan,
            lambda w: {"term_months": "12"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
        "api:savings-group-list": api(
            kwargs=sav.with_group,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: sav.GROUP_NAME,
        ),
        "api:savings-group-detail": api(kwargs=sav.kt_group, denied=(("pathum_wan_officer", 404),)),
        "api:savings-loan-list": api(
            kwargs=sav.with_group,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: f'"id":{sav.kt_loan(w)["pk"]},',
        ),
        "api:savings-loan-detail": api(kwargs=sav.kt_loan, denied=(("pathum_wan_officer", 404),)),
        "api:savings-meeting-list": api(
            kwargs=sav.with_group,
            denied=(("pathum_wan_officer", 200), ("no_role", 200)),
            secret=lambda w: f'"id":{sav.kt_meeting(w)["pk"]},',
        ),
        "api:savings-meeting-detail": api(
            kwargs=sav.kt_meeting, denied=(("pathum_wan_officer", 404),)
        ),
        "api:savings-meeting-entries": api(
            kwargs=sav.kt_meeting,
            method="post",
            data=lambda w: {**sav.entry_data(w), "key": "api-entry"},
            allowed=("treasurer", 201),
            denied=(("pathum_wan_officer", 404), ("no_role", 404), ("khlong_toei_officer", 403)),
            unchanged=sav.books,
        ),
        "savings:transaction_reverse": _sav_post(
            sav.kt_transaction,
            lambda w: {"memo": "matrix"},
            allowed=("admin", 302),
            denied=(*SAV_DENIED_WRITE, ("treasurer", 403)),
        ),
    }
)


def _walk(patterns, namespace: str = "", prefix: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            yield (f"{namespace}{entry.name}" if entry.name else None), route


def project_urls() -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for name, route in _walk(get_resolver().url_patterns):
        found.setdefault(name, []).append(route)
    return found


def test_every_url_has_a_spec():
    urls = project_urls()
    unnamed = urls.pop(None, [])
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = sorted(set(urls) - set(SPECS))
    assert not missing, f"add a permission spec to tests/test_permission_matrix.py for: {missing}"


def test_no_spec_is_left_for_a_url_that_is_gone():
    assert not sorted(set(SPECS) - set(project_urls()))


# -- running the specs


def _cases(keep: Callable[[Spec], bool] = lambda spec: True) -> list:
    return [
        pytest.param(name, spec, id=f"{name}[{spec.method}]")
        for name, value in sorted(SPECS.items())
        for spec in (value if isinstance(value, list) else [value])
        if keep(spec)
    ]


@pytest.fixture
def personas(world: World) -> dict[str, Any]:
    kt_admin = make_user("kt_admin", first_name="Niran")
    grant(kt_admin, Role.ADMIN, area=world.khlong_toei)
    pw_admin = make_user("pw_admin", first_name="Pim")
    grant(pw_admin, Role.ADMIN, area=world.pathum_wan)
    kt_office_admin = make_user("kt_office_admin", first_name="Kanya")
    grant(kt_office_admin, Role.ADMIN, org=world.khlong_toei_office)
    people = {name: getattr(world, name) for name in World.__dataclass_fields__}
    return {
        **people,
        "kt_admin": kt_admin,
        "pw_admin": pw_admin,
        "kt_office_admin": kt_office_admin,
    }


def _request(client, name: str, spec: Spec, world: World):
    url = reverse(name, kwargs=spec.kwargs(world))
    data = spec.data(world) if spec.data else {}
    return url, getattr(client, spec.method)(url, data)


def _assert_status(response, expected: int | str, who: str, url: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, f"{who} on {url}: {response.status_code}"
        assert response["Location"].startswith(reverse("login") + "?next="), (
            f"{who} on {url} went to {response['Location']}, not the login page"
        )
    else:
        assert response.status_code == expected, (
            f"{who} on {url}: expected {expected}, got {response.status_code}"
        )


@pytest.mark.parametrize(("name", "spec"), _cases())
def test_anonymous(name, spec, world, login):
    before = spec.unchanged(world) if spec.unchanged else None
    url, response = _request(login(), name, spec, world)
    _assert_status(response, spec.anonymous, "anonymous", url)
    if spec.unchanged:
        assert spec.unchanged(world) == before, f"anonymous changed something on {url}"


@pytest.mark.parametrize(("name", "spec"), _cases(lambda spec: spec.allowed is not None))
def test_in_scope(name, spec, world, personas, login):
    persona, expected = spec.allowed
    url, response = _request(login(personas[persona]), name, spec, world)
    _assert_status(response, expected, persona, url)
    if spec.secret:
        assert spec.secret(world) in response.content.decode(), f"{persona} misses it on {url}"


@pytest.mark.parametrize(("name", "spec"), _cases(lambda spec: bool(spec.denied)))
def test_out_of_scope(name, spec, world, personas, login):
    for persona, expected in spec.denied:
        before = spec.unchanged(world) if spec.unchanged else None
        url, response = _request(login(personas[persona]), name, spec, world)
        _assert_status(response, expected, persona, url)
        if spec.unchanged:
            assert spec.unchanged(world) == before, f"{persona} changed something on {url}"
        if spec.secret and response.status_code == 200:
            assert spec.secret(world) not in response.content.decode(), (
                f"{persona} sees out-of-scope data on {url}"
            )
