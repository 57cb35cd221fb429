"""The page shown when a form arrives without a valid CSRF token.

Django's own failure page is English and technical; people meet it mostly after a form sat
open for a long time (the session ended) or on a second tab after logging out. Ours says that
in the reader's language and offers the way back, with the same 403 status.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # `reason` is Django's technical text: logged by Django, never shown.
    back = request.META.get("HTTP_REFERER", "")
    if not back.startswith(f"{request.scheme}://{request.get_host()}/"):
        back = ""
    return render(request, "csrf_failure.html", {"back": back}, status=403)
