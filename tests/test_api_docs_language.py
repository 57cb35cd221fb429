"""The API documentation pages carry the reader's language and direction, and load nothing
from other sites."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
@pytest.mark.parametrize(("language", "direction"), [("th", "ltr"), ("fa", "rtl"), ("en", "ltr")])
def test_docs_pages_carry_lang_and_dir(db, client, url, language, direction):
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_assets_from_our_own_server(db, client, url):
    page = client.get(url).content.decode()
    assert "https://" not in page and "http://" not in page
    assert "/static/drf_spectacular_sidecar/" in page
