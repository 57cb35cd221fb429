"""Web data entry with ODK Web Forms: the form page, its XForm and media, the submission
endpoint the island posts to, and the service worker that keeps the page usable offline.

Views stay thin: `access.webform_access` decides who may fill what, the shared intake
(`mahalla.surveys.openrosa.intake.receive_submission`) stores what arrives.
"""

from __future__ import annotations

from csp.constants import NONCE, WASM_UNSAFE_EVAL
from csp.decorators import csp_update
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from mahalla.core.jobs.messages import message, render_text
from mahalla.core.offline import service_worker
from mahalla.surveys.forms import media_datasets
from mahalla.surveys.models import FormMedia
from mahalla.surveys.openrosa import intake
from mahalla.surveys.webforms import access, island, reference_map

# ODK Web Forms compiles its XPath parser (tree-sitter) to WebAssembly: the page needs
# 'wasm-unsafe-eval' (WebAssembly only, not JavaScript eval). PrimeVue writes its theme into
# <style> elements at run time; they carry this page's nonce. See docs/decisions/0008.
webform_csp = csp_update({"script-src": [WASM_UNSAFE_EVAL], "style-src": [NONCE]})


def _campaign_query(campaign) -> str:
    return f"?campaign={campaign.pk}" if campaign else ""


def _title(version, language: str) -> str:
    titles = version.titles or {}
    return titles.get(language) or titles.get("default") or version.form.name


@login_required
@require_GET
def webform_list(request: HttpRequest) -> HttpResponse:
    versions = access.fillable_versions(request.user)
    campaigns = list(access.campaigns_for(request.user).prefetch_related("form_versions"))
    return render(
        request,
        "surveys/webforms/webform_list.html",
        {"versions": versions, "campaigns": campaigns},
    )


@login_required
@require_GET
@webform_csp
def webform(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.webform_access(request.user, pk, request.GET.get("campaign"))
    version, campaign = found.version, found.campaign
    language = (get_language() or "en")[:2]
    query = _campaign_query(campaign)
    media = [m.name for m in version.media.all() if not m.is_missing]
    title = _title(version, language)
    context = {
        "version": version,
        "campaign": campaign,
        "campaigns": found.campaigns,
        "title": title,
        "island": island.assets(),
        "config": {
            "formKey": f"{version.pk}:{campaign.pk if campaign else ''}",
            "user": request.user.pk,
            "csrfCookie": settings.CSRF_COOKIE_NAME,
            "language": language if language in (version.languages or []) else "",
            "xformUrl": reverse("surveys:webform_xform", kwargs={"pk": version.pk}),
            "mediaUrl": reverse(
                "surveys:webform_media", kwargs={"pk": version.pk, "name": "__name__"}
            ),
            "media": media,
            # The form's own header shows the title in the language chosen in the form.
            "titles": {**(version.titles or {}), "page": title},
            "map": reference_map.reference_map(
                user=request.user, version=version, campaign=campaign
            ),
            "submitUrl": reverse("surveys:webform_submit", kwargs={"pk": version.pk}) + query,
            "serviceWorkerUrl": reverse("surveys:webform_sw"),
            "scope": reverse("surveys:webform_list"),
        },
        "strings": island.strings(),
    }
    return render(request, "surveys/webforms/webform.html", context)


@login_required
@require_GET
def webform_xform(request: HttpRequest, pk: int) -> HttpResponse:
    version = access.webform_access(request.user, pk).version
    return HttpResponse(version.xform, content_type="text/xml; charset=utf-8")


@login_required
@require_GET
def webform_media(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    version = access.webform_access(request.user, pk).version
    media = FormMedia.objects.filter(version=version, name=name).first()
    if media is None or media.is_missing:
        raise Http404
    if media.dataset:
        data = media_datasets.content(media, user=request.user)
        if data is None:
            raise Http404
        return HttpResponse(data, content_type="text/csv; charset=utf-8")
    return FileResponse(media.file.open("rb"), filename=media.name)


def _refusal(status: int, code: str, **params) -> JsonResponse:
    return JsonResponse({"status": status, "message": render_text(message(code, **params))},
                        status=status)  # fmt: skip


def _form_id(xml: bytes) -> str | None:
    try:
        return ElementTree.fromstring(xml).get("id", "")
    except Exception:  # noqa: BLE001 - malformed or hostile XML: the intake's 400 says so
        return None


@login_required
@require_POST
def webform_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Multipart as ODK Collect sends it: `xml_submission_file` plus the attachments."""
    found = access.webform_access(request.user, pk, request.GET.get("campaign"))
    upload = request.FILES.get("xml_submission_file")
    if upload is None:
        return _refusal(400, "surveys.webform_no_xml")
    xml = upload.read()
    form_id = _form_id(xml)
    if form_id is not None and form_id != found.version.form.xml_form_id:
        # The page of one form must not become a way into another form's scope.
        return _refusal(400, "surveys.webform_other_form", form=form_id)
    files = [f for key, f in request.FILES.items() if key != "xml_submission_file"]
    result = intake.receive_submission(
        xml=xml, files=files, user=request.user, campaign=found.campaign
    )
    return JsonResponse(
        {"status": result.status, "message": render_text(result.message)}, status=result.status
    )


@require_GET
def webform_sw(request: HttpRequest) -> HttpResponse:
    """The service worker, from a URL whose folder is the scope of every web-form page."""
    return service_worker(
        scope=reverse("surveys:webform_list"),
        prefix="mahalla-webforms-",
        version=island.build_id(),
        never="/submission/",
    )
