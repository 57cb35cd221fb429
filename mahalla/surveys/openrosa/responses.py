"""OpenRosa answers: the headers every response carries and the XML bodies Collect reads."""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from mahalla.core.jobs.messages import Message, render_text

XML = "text/xml; charset=utf-8"
RESPONSE_NS = "http://openrosa.org/http/response"
FORMS_NS = "http://openrosa.org/xforms/xformsList"
MANIFEST_NS = "http://openrosa.org/xforms/xformsManifest"


def openrosa_headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = "1.0"
    response["X-OpenRosa-Accept-Content-Length"] = str(settings.OPENROSA_MAX_SUBMISSION_BYTES)
    if "Date" not in response:
        response["Date"] = http_date()
    return response


def openrosa_view(view):
    """An OpenRosa endpoint: CSRF exempt (Collect has no cookie; a signed-in browser cannot
    post to it without Basic credentials, see access.py) and the OpenRosa headers always."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return openrosa_headers(view(request, *args, **kwargs))

    return csrf_exempt(wrapped)


def message_response(status: int, msg: Message | str, *, nature: str = "") -> HttpResponse:
    """`<OpenRosaResponse>` with one message in the active language."""
    text = render_text(msg) if not isinstance(msg, str) else msg
    nature = nature or ("submit_success" if status < 300 else "error")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<OpenRosaResponse xmlns="{RESPONSE_NS}">'
        f'<message nature="{nature}">{escape(text)}</message>'
        "</OpenRosaResponse>"
    )
    response = HttpResponse(body.encode(), status=status, content_type=XML)
    response.mahalla_message = msg  # to render it again in another language
    return response


def element(name: str, value: str) -> str:
    return f"<{name}>{escape(value)}</{name}>"


def xml_document(root: str, namespace: str, parts: Iterable[str]) -> HttpResponse:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns="{namespace}">'
        + "".join(parts)
        + f"</{root}>"
    )
    return HttpResponse(body.encode(), content_type=XML)
