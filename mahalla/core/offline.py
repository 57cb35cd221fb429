"""Pages that open without a connection: one service worker script for every such scope.

A scope is a URL folder (`/surveys/webforms/`, `/savings/meetings/`): the worker is served
from that folder, so the browser lets it answer for every page beneath it, and nowhere else.
Its cache is named for what it holds (a build id, the hashed names of the static files), so
a new release starts a new cache and the worker deletes the old ones of its own prefix.
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static


def cache_version(*static_paths: str) -> str:
    """Hex digits that change whenever one of these static files changes: in production
    their URLs carry the manifest's content hash."""
    urls = "\n".join(static(path) for path in static_paths)
    return hashlib.sha256(urls.encode()).hexdigest()[:12]


def service_worker(*, scope: str, prefix: str, version: str, never: str = "") -> HttpResponse:
    """The worker for `scope`, keeping its pages in the cache `prefix` + `version`; a path
    ending in `never` is left to the network (a page's own queue posts there)."""
    body = render_to_string(
        "core/sw.js", {"cache_name": f"{prefix}{version}", "cache_prefix": prefix, "never": never}
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    # Browsers check for a new worker on each visit; no cache keeps an old one alive.
    response["Cache-Control"] = "no-cache"
    return response
