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


def demo_lookup(*, boundary_import_pk: int) -> Demo:
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
}


# -- survey campaigns: the demo's first campaign (mahalla/surveys/campaigns/demo.py builds it)


def _campaign(demo: Demo) -> dict[str, Any]:
    from mahalla.surveys.models import Campaign

    return {"pk": Campaign.objects.order_by("pk").values_list("pk", flat=True).first()}


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
