"""The OpenRosa endpoints ODK Collect uses: form list, form, manifest, media, submission.

Each exists twice: under `key/<token>/` for app users (the token is the credential, as ODK
Central's `/v1/key/{token}/`), and without it for signed-in people (HTTP Basic, see
access.py). Views are thin: who is calling (access), which versions they see (catalogue),
reading the body (body), storing (intake).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mahalla.core.jobs.messages import message
from mahalla.surveys.forms import media_datasets
from mahalla.surveys.models import FormMedia, FormVersion
from mahalla.surveys.openrosa import catalogue, prepared
from mahalla.surveys.openrosa.access import (
    app_user_for,
    campaign_language,
    check_app_user,
    signed_in_user,
)
from mahalla.surveys.openrosa.body import BodyError, spool_body
from mahalla.surveys.openrosa.instance import InstanceError, read_instance
from mahalla.surveys.openrosa.intake import megabytes, receive_submission, store_checked
from mahalla.surveys.openrosa.responses import (
    FORMS_NS,
    MANIFEST_NS,
    XML,
    element,
    message_response,
    openrosa_view,
    xml_document,
)

NOT_FOUND = 404


def _caller(request: HttpRequest, token: str | None, *, sending: bool = False):
    """(user, app_user) or a refusal response."""
    if token is not None:
        found = app_user_for(request, token)
        return found if isinstance(found, HttpResponse) else (None, found)
    found = signed_in_user(request, sending=sending)
    return found if isinstance(found, HttpResponse) else (found, None)


def _not_found() -> HttpResponse:
    return message_response(NOT_FOUND, message("surveys.openrosa.not_found"))


def _url(request: HttpRequest, url_name: str, token: str | None, **kwargs) -> str:
    if token is not None:
        kwargs = {"token": token, **kwargs}
        return request.build_absolute_uri(
            reverse(f"surveys:openrosa_key_{url_name}", kwargs=kwargs)
        )
    return request.build_absolute_uri(reverse(f"surveys:openrosa_{url_name}", kwargs=kwargs))


@openrosa_view
@require_http_methods(["GET", "HEAD"])
def form_list(request: HttpRequest, token: str | None = None) -> HttpResponse:
    caller = _caller(request, token)
    if isinstance(caller, HttpResponse):
        return caller
    versions = catalogue.listed_versions(*caller)
    wanted = request.GET.get("formID")
    if wanted:
        versions = [v for v in versions if v.form.xml_form_id == wanted]
    verbose = request.GET.get("verbose", "").lower() in ("true", "1")
    with_media = catalogue.versions_with_media(versions)
    parts = []
    for version in versions:
        inner = [
            element("formID", version.form.xml_form_id),
            element("name", catalogue.form_name(version)),
            element("version", version.version),
            element("hash", f"md5:{version.xform_md5}"),
        ]
        if verbose:
            inner.append(element("descriptionText", catalogue.form_name(version)))
        inner.append(element("downloadUrl", _url(request, "form_xml", token, pk=version.pk)))
        if version.pk in with_media:
            inner.append(element("manifestUrl", _url(request, "manifest", token, pk=version.pk)))
        parts.append("<xform>" + "".join(inner) + "</xform>")
    return xml_document("xforms", FORMS_NS, parts)


def _version(caller, pk: int) -> FormVersion | None:
    return next((v for v in catalogue.listed_versions(*caller) if v.pk == pk), None)


@openrosa_view
@require_http_methods(["GET", "HEAD"])
def form_xml(request: HttpRequest, pk: int, token: str | None = None) -> HttpResponse:
    caller = _caller(request, token)
    if isinstance(caller, HttpResponse):
        return caller
    version = _version(caller, pk)
    if version is None:
        return _not_found()
    response = HttpResponse(version.xform.encode(), content_type=XML)
    response["Content-Disposition"] = f'attachment; filename="{version.form.xml_form_id}.xml"'
    return response


@openrosa_view
@require_http_methods(["GET", "HEAD"])
def manifest(request: HttpRequest, pk: int, token: str | None = None) -> HttpResponse:
    caller = _caller(request, token)
    if isinstance(caller, HttpResponse):
        return caller
    version = _version(caller, pk)
    if version is None:
        return _not_found()
    parts = []
    for media in version.media.order_by("name"):
        digest = media.md5
        if media.dataset:  # made for this caller now: its hash changes with the data
            data = media_datasets.content(media, user=caller[0], app_user=caller[1], download=False)
            if data is None:
                continue
            digest = media_datasets.md5(data)
        elif not media.file:
            continue
        parts.append(
            "<mediaFile>"
            + element("filename", media.name)
            + element("hash", f"md5:{digest}")
            + element("downloadUrl", _url(request, "media", token, pk=pk, name=media.name))
            + "</mediaFile>"
        )
    return xml_document("manifest", MANIFEST_NS, parts)


@openrosa_view
@require_http_methods(["GET", "HEAD"])
def media(request: HttpRequest, pk: int, name: str, token: str | None = None) -> HttpResponse:
    caller = _caller(request, token)
    if isinstance(caller, HttpResponse):
        return caller
    version = _version(caller, pk)
    item = FormMedia.objects.filter(version=version, name=name).first() if version else None
    if item is None or item.is_missing:
        return _not_found()
    if item.dataset:
        data = media_datasets.content(item, user=caller[0], app_user=caller[1])
        if data is None:
            return _not_found()
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{item.name}"'
        return response
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@openrosa_view
@require_http_methods(["GET", "HEAD", "POST"])
def submission(request: HttpRequest, token: str | None = None) -> HttpResponse:
    if token is not None and request.method == "POST" and prepared.available():
        return _app_user_submission(request, token)
    caller = _caller(request, token, sending=request.method == "POST")
    if isinstance(caller, HttpResponse):
        return caller
    if request.method != "POST":
        # OpenRosa: HEAD answers 204 with the size limit (the headers); GET the same.
        return HttpResponse(status=204)
    user, app_user = caller
    body = _read_body(request)
    if isinstance(body, HttpResponse):
        return body
    xml, attachments = body
    result = receive_submission(
        xml=xml,
        files=attachments,
        user=user,
        app_user=app_user,
        **_device(request),
    )
    return message_response(result.status, result.message)


def _app_user_submission(request: HttpRequest, token: str) -> HttpResponse:
    """An app user's submission on PostgreSQL (the hot path, decision 0011): the body is read
    first; a new submission of a version this process has stored before is then checked and
    stored by one statement; otherwise one statement finds the token's app user and the
    version the XML names, and the general path answers. Answers are the general path's, in
    the campaign's language."""
    body = _read_body(request)
    if isinstance(body, HttpResponse):
        # Refused before any look-up: answer as the general path would (token first).
        found = app_user_for(request, token)
        return found if isinstance(found, HttpResponse) else _read_body_again(body)
    xml, attachments = body
    try:
        instance = read_instance(xml) if len(xml) <= settings.OPENROSA_MAX_XML_BYTES else None
    except InstanceError:
        instance = None
    if instance is not None:
        stored = store_checked(
            token=token,
            instance=instance,
            xml=xml,
            files=attachments,
            **_device(request),
        )
        if stored is not None:
            result, area_names = stored
            campaign_language(request, **area_names)
            return message_response(result.status, result.message)
    if instance is None:  # the general path names what is wrong with the XML
        found = app_user_for(request, token)
        if isinstance(found, HttpResponse):
            return found
        app_user, preloaded = found, None
    else:
        found = prepared.app_user_and_version(token, instance.form_id, instance.version)
        refusal = check_app_user(request, found[0] if found else None)
        if refusal is not None:
            return refusal
        app_user, preloaded = found[0], (instance, found[1])
    result = receive_submission(
        xml=xml,
        files=attachments,
        app_user=app_user,
        **_device(request),
        preloaded=preloaded,
    )
    return message_response(result.status, result.message)


def _device(request: HttpRequest) -> dict[str, str]:
    """What a submission records of the phone that sent it."""
    return {
        "device_id": request.GET.get("deviceID", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", ""),
    }


def _read_body(request: HttpRequest) -> tuple[bytes, list] | HttpResponse:
    """(XML, attachment uploads) of a submission's multipart body, or its refusal."""
    try:
        spool_body(request)
        files = request.FILES
    except BodyError as error:
        return _body_refusal(error.status, error.code)
    except RequestDataTooBig:
        return _body_refusal(413, "surveys.openrosa.too_large")
    except (MultiPartParserError, SuspiciousOperation):
        return _body_refusal(400, "surveys.openrosa.truncated")
    xml_file = files.get("xml_submission_file")
    if xml_file is not None:
        if xml_file.size > settings.OPENROSA_MAX_XML_BYTES:
            limit = megabytes(settings.OPENROSA_MAX_XML_BYTES)
            return message_response(413, message("surveys.openrosa.xml_too_large", limit=limit))
        xml = xml_file.read()
    elif "xml_submission_file" in request.POST:
        xml = request.POST["xml_submission_file"].encode()
    else:
        return message_response(400, message("surveys.openrosa.no_xml"))
    attachments = [
        upload for key in files for upload in files.getlist(key) if key != "xml_submission_file"
    ]
    return xml, attachments


def _read_body_again(refusal: HttpResponse) -> HttpResponse:
    """A body refusal rendered again now that the campaign's language is active."""
    return message_response(refusal.status_code, refusal.mahalla_message)


def _body_refusal(status: int, code: str) -> HttpResponse:
    params = {"limit": megabytes(settings.OPENROSA_MAX_SUBMISSION_BYTES)} if status == 413 else {}
    return message_response(status, message(code, **params))
