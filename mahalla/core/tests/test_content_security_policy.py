"""Pages carry a Content-Security-Policy that lets in only our own files.

No template may hold an inline script, event handler or style attribute (the policy would
refuse them in the browser); the API docs pages relax the policy for themselves only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
# Rendered into PDFs by WeasyPrint and never served to a browser, so the browser's policy
# does not apply; their inline styles (a bar's width) are how print layout is written.
PRINT_TEMPLATES = {ROOT / "mahalla/registry/templates/registry/report/district.html"}
TEMPLATES = [
    path
    for path in (ROOT / "mahalla").rglob("templates/**/*.html")
    if path.is_file() and path not in PRINT_TEMPLATES
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_a_page_allows_scripts_styles_and_fonts_from_our_own_server_only(db, client):
    csp = policy(client.get(reverse("home")))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["font-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_the_map_may_start_its_workers_and_draw_its_images(world, login):
    response = login(world.khlong_toei_officer).get(
        reverse("places:area_detail", kwargs={"pk": world.lock_123.pk})
    )
    csp = policy(response)
    assert "blob:" in csp["worker-src"]
    assert {"'self'", "data:", "blob:"} <= set(csp["img-src"])


def test_no_template_has_an_inline_script_handler_or_style_attribute():
    assert TEMPLATES, "no templates found"
    found = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, STYLE_ATTRIBUTE):
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not found, "the security policy refuses these; move them to static files:\n" + "\n".join(
        found
    )


def test_print_templates_are_only_rendered_into_pdfs():
    """A print template named by a view's `render` would reach the browser unprotected."""
    for template in PRINT_TEMPLATES:
        assert template.is_file()
        name = template.relative_to(template.parents[2]).as_posix()
        users = [
            path.relative_to(ROOT).as_posix()
            for path in (ROOT / "mahalla").rglob("*.py")
            if name in path.read_text(encoding="utf-8") and "tests" not in path.parts
        ]
        assert users == ["mahalla/registry/reports/build.py"], users


def test_the_500_page_keeps_its_inline_style_allowed_by_its_hash(db, client):
    html = (ROOT / "mahalla/templates/500.html").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy(client.get(reverse("home")))["style-src"]


def test_the_api_docs_pages_alone_allow_inline_styles_and_still_no_inline_scripts(db, client):
    for name in ("api:docs", "api:redoc"):
        csp = policy(client.get(reverse(name)))
        # Browsers ignore 'unsafe-inline' when a hash is listed beside it.
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"], name
        assert csp["script-src"] == ["'self'"], name


def test_the_api_docs_start_from_a_script_file_not_an_inline_script(db, client):
    html = client.get(reverse("api:docs")).content.decode()
    assert not INLINE_SCRIPT.search(html)
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle(" in script.content.decode()


def test_the_redoc_page_loads_no_fonts_from_another_server(db, client):
    html = client.get(reverse("api:redoc")).content.decode()
    assert "googleapis" not in html
    assert "<redoc " in html


def _policy_with(env: dict[str, str]) -> dict:
    code = (
        "import django; django.setup(); from django.conf import settings; import json; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mahalla.test_settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_a_base_map_server_is_let_in_for_its_style_tiles_and_images():
    csp = _policy_with(
        {
            "BASEMAP_STYLE_URL": "https://tiles.example.org/styles/liberty/style.json",
            "BASEMAP_ORIGINS": "https://fonts.example.net",
        }
    )
    for directive in ("connect-src", "img-src"):
        assert "https://tiles.example.org" in csp[directive]
        assert "https://fonts.example.net" in csp[directive]
    assert csp["script-src"] == ["'self'"]


def test_without_a_base_map_no_other_server_is_let_in():
    csp = _policy_with({"BASEMAP_STYLE_URL": "", "BASEMAP_ORIGINS": ""})
    assert csp["connect-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:", "blob:"]


def test_the_web_forms_tile_server_is_let_in_for_its_images():
    csp = _policy_with(
        {"BASEMAP_STYLE_URL": "", "BASEMAP_TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png"}
    )
    assert "https://tiles.example.org" in csp["img-src"]
    assert csp["script-src"] == ["'self'"]
