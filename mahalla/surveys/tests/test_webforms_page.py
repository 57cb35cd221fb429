"""The form page: the island's files, its settings and words, and a security policy relaxed
for this page only (WebAssembly, and PrimeVue's styles by nonce), never for inline scripts."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from mahalla.surveys.models import FormMedia
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.webform_helpers import surveyor_of


def policy(response) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in response["Content-Security-Policy"].split(";") if p.strip())
    return {name: values for name, *values in parts}


def _json(html: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


@pytest.fixture
def version(world):
    return make_version(world.khlong_toei)


@pytest.fixture
def client(world, login):
    return login(surveyor_of(world.khlong_toei))


def test_the_page_relaxes_the_policy_for_webassembly_and_nonced_styles_only(client, version):
    response = client.get(reverse("surveys:webform", kwargs={"pk": version.pk}))
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    nonces = [v for v in csp["style-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    assert "'unsafe-inline'" not in csp["style-src"] and "'unsafe-eval'" not in csp["script-src"]
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'nonce="{nonce}" id="webform-style"' in response.content.decode()


def test_other_pages_keep_the_strict_policy(client, version):
    csp = policy(client.get(reverse("surveys:webform_list")))
    assert csp["script-src"] == ["'self'"]
    assert not any(v.startswith("'nonce-") for v in csp["style-src"])


def test_the_page_loads_the_island_and_gives_it_its_settings(client, version):
    html = client.get(reverse("surveys:webform", kwargs={"pk": version.pk})).content.decode()
    assert '<script type="module" src="/static/surveys/webforms/webforms.js">' in html
    assert 'href="/static/surveys/webforms/webforms.css"' in html
    config = _json(html, "webform-config")
    assert config["xformUrl"] == f"/surveys/webforms/{version.pk}/form.xml"
    assert config["serviceWorkerUrl"] == "/surveys/webforms/sw.js"
    assert config["scope"] == "/surveys/webforms/"
    assert config["mediaUrl"] == f"/surveys/webforms/{version.pk}/media/__name__"


def test_the_form_opens_in_the_readers_language_when_it_has_it(client, version):
    client.cookies["mahalla_language"] = "fa"
    html = client.get(reverse("surveys:webform", kwargs={"pk": version.pk})).content.decode()
    assert _json(html, "webform-config")["language"] == "fa"
    assert '<html lang="fa" dir="rtl">' in html


def test_a_language_the_form_lacks_leaves_the_forms_default(world, client):
    md = "| survey |\n| | type | name | label |\n| | text | q | Q |\n" \
         "| settings |\n| | form_id | version |\n| | {form_id} | {version} |\n"  # fmt: skip
    english_only = make_version(world.khlong_toei, form_id="plain", md=md)
    client.cookies["mahalla_language"] = "th"
    html = client.get(reverse("surveys:webform", kwargs={"pk": english_only.pk})).content.decode()
    assert _json(html, "webform-config")["language"] == ""


def test_the_islands_words_come_from_the_page_in_the_readers_language(client, version):
    client.cookies["mahalla_language"] = "th"
    html = client.get(reverse("surveys:webform", kwargs={"pk": version.pk})).content.decode()
    words = _json(html, "webform-strings")
    assert {"queued", "sent", "rejected", "offline", "discardConfirm"} <= set(words)
    assert {"send", "required", "manyErrors"} <= set(words["odk"])
    assert "%(count)s" in words["odk"]["manyErrors"]


def test_the_xform_and_present_media_are_served_missing_media_is_404(client, version):
    xform = client.get(reverse("surveys:webform_xform", kwargs={"pk": version.pk}))
    assert xform.status_code == 200 and xform["Content-Type"].startswith("text/xml")
    assert xform.content.decode() == version.xform
    media = FormMedia(version=version, name="map.png", kind="image")
    media.file.save("map.png", ContentFile(b"\x89PNG-bytes"), save=False)
    media.save()
    FormMedia.objects.create(version=version, name="missing.csv", kind="file")
    url = lambda name: reverse("surveys:webform_media", kwargs={"pk": version.pk, "name": name})  # noqa: E731
    served = client.get(url("map.png"))
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"\x89PNG-bytes"
    assert client.get(url("missing.csv")).status_code == 404
    assert client.get(url("other.png")).status_code == 404
    html = client.get(reverse("surveys:webform", kwargs={"pk": version.pk})).content.decode()
    assert _json(html, "webform-config")["media"] == ["map.png"]
