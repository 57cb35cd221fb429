"""The service worker: served from /surveys/webforms/ so its scope covers every form page."""

from __future__ import annotations

from django.urls import reverse

from mahalla.surveys.webforms import island


def test_it_is_javascript_with_the_scope_header_and_never_cached(db, client):
    response = client.get(reverse("surveys:webform_sw"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/surveys/webforms/"
    assert "no-cache" in response["Cache-Control"]


def test_its_scope_covers_the_form_pages_xforms_and_media(db, client):
    scope = response_scope = reverse("surveys:webform_list")
    for name, kwargs in [
        ("surveys:webform", {"pk": 1}),
        ("surveys:webform_xform", {"pk": 1}),
        ("surveys:webform_media", {"pk": 1, "name": "a.png"}),
        ("surveys:webform_sw", {}),
    ]:
        assert reverse(name, kwargs=kwargs).startswith(scope), name
    assert response_scope == "/surveys/webforms/"


def test_its_cache_is_named_for_the_build_and_submissions_are_never_cached(db, client):
    body = client.get(reverse("surveys:webform_sw")).content.decode()
    assert f'const CACHE = "mahalla-webforms-{island.build_id()}";' in body
    assert 'path.startsWith("/static/")' in body
    assert 'const NEVER = "/submission/";' in body
    assert "{%" not in body and "{{" not in body
