"""A small HTTP client for the smoke test, and the parsers that find what a page loads.

It speaks plain HTTP to gunicorn on the loopback but says it came through the TLS proxy
(`X-Forwarded-Proto: https`, which the settings trust), so the production settings stay as
they are: SSL redirect on, cookies marked Secure. Ordinary clients (a cookie jar, `requests`)
would not send Secure cookies over plain http://127.0.0.1, so cookies are kept by hand here
and sent in a Cookie header, as a browser behind the proxy would send them.
"""

from __future__ import annotations

import gzip
import http.client
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit


class SmokeFailure(Exception):
    """What the smoke test found wrong, in a sentence."""


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("Location", "")).path


class Client:
    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "gzip",
            "User-Agent": "mahalla-smoke-test",
            **headers,
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            raw = answer.read()
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if answer.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        return Response(answer.status, answer.headers, raw)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def _post(self, path: str, body: bytes, content_type: str) -> Response:
        # Django checks a secure request's Origin against its own host.
        return self.request(
            "POST", path, body, **{"Content-Type": content_type, "Origin": self.origin,
                                   "Referer": self.origin + path}
        )  # fmt: skip

    def _csrf(self) -> dict[str, str]:
        if "csrftoken" not in self.cookies:
            raise SmokeFailure("no CSRF cookie was set before a form was sent")
        return {"csrfmiddlewaretoken": self.cookies["csrftoken"]}

    def post_form(self, path: str, data: dict[str, str]) -> Response:
        body = urlencode({**data, **self._csrf()}).encode()
        return self._post(path, body, "application/x-www-form-urlencoded")

    def post_multipart(
        self, path: str, data: dict[str, str], file: tuple[str, str, str, bytes]
    ) -> Response:
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in {**data, **self._csrf()}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        field, filename, content_type, content = file
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self._post(path, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    @staticmethod
    def expect(response: Response, status: int, what: str) -> None:
        if response.status != status:
            detail = response.headers.get("Location") or response.text[:1500]
            raise SmokeFailure(f"{what}: expected {status}, got {response.status}\n{detail}")

    @staticmethod
    def form_fields(html: str, *, form_class: str) -> dict[str, str]:
        parser = _FormParser(form_class)
        parser.feed(html)
        if not parser.found:
            raise SmokeFailure(f'no <form class="{form_class}"> on the page')
        return parser.fields


class _FormParser(HTMLParser):
    """The current values of one form's inputs and selects (selected option, else the first)."""

    def __init__(self, form_class: str) -> None:
        super().__init__()
        self.form_class = form_class
        self.found = self.inside = False
        self.fields: dict[str, str] = {}
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.form_class in a.get("class", "").split():
            self.found = self.inside = True
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif (
            tag == "option" and self.select and (self.select not in self.fields or "selected" in a)
        ):
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


class _AssetParser(HTMLParser):
    """Scripts, stylesheets and icons a page names, and static URLs in its data-* attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = a.get("rel", "").lower().split()
            if {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
                self.urls.append(a["href"])
        for name, value in a.items():
            if name.startswith("data-") and name.endswith("-url") and "/static/" in value:
                self.urls.append(value)


def _local(urls: list[str], base: str) -> set[str]:
    found = set()
    for url in urls:
        absolute = urljoin(base, url)
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            raise SmokeFailure(f"{base} loads {url} from another server")
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def assets_of_html(html: str, *, base: str) -> set[str]:
    parser = _AssetParser()
    parser.feed(html)
    return _local(parser.urls, base)


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def assets_of_css(css: str, *, base: str) -> set[str]:
    urls = [m.group(2) for m in CSS_URL.finditer(css)]
    return _local([u for u in urls if not u.startswith(("data:", "#"))], base)
