"""The island is built by `make setup` (never committed): it must be there, in one script and
one stylesheet that collectstatic can hash, with no <style> injection left for the policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import checks
from django.urls import reverse

from mahalla.surveys.testing import make_version
from mahalla.surveys.tests.webform_helpers import surveyor_of
from mahalla.surveys.webforms import island
from mahalla.surveys.webforms.checks import island_built

HINT = "the web-form island is not built: run `make setup` (or `npm run build:webforms`)"


def _built(name: str) -> Path:
    path = finders.find(name)
    assert path, f"{name} is missing: {HINT}"
    return Path(path)


def test_the_bundle_exists_after_set_up():
    assert _built(island.SCRIPT).stat().st_size > 100_000
    assert _built(island.STYLE).stat().st_size > 10_000


def test_the_bundle_names_no_source_map_and_no_other_file():
    # collectstatic's manifest storage follows these; a missing target fails the deployment.
    script = _built(island.SCRIPT).read_text(encoding="utf-8")
    style = _built(island.STYLE).read_text(encoding="utf-8")
    assert "sourceMappingURL" not in script + style
    refs = [r for r in re.findall(r"url\(\s*['\"]?([^'\")]+)", style) if not r.startswith("data:")]
    assert not refs, refs
    assert not re.search(r"""\bimport\s*\(\s*["'`]\.""", script), "a chunk would be loaded by name"


def test_the_bundle_injects_no_style_element_of_its_own():
    script = _built(island.SCRIPT).read_text(encoding="utf-8")
    assert "vite-plugin-css-injected-by-js" not in script
    assert "mahallaWebFormsNonce" in script  # PrimeVue's styles carry the page's nonce
    assert "mahallaWebFormsText" in script  # Web Forms' own words, translated
    assert "@font-face" not in _built(island.STYLE).read_text(encoding="utf-8")


def test_a_missing_build_is_a_system_check_warning_and_a_clear_error(world, login, monkeypatch):
    monkeypatch.setattr(island.finders, "find", lambda name: None)
    [warning] = island_built()
    assert warning.id == "surveys.W001" and warning.level == checks.WARNING
    assert "make setup" in warning.hint
    version = make_version(world.khlong_toei)
    client = login(surveyor_of(world.khlong_toei))
    with pytest.raises(island.IslandMissing, match="make setup"):
        client.get(reverse("surveys:webform", kwargs={"pk": version.pk}))


def test_with_the_build_in_place_the_check_is_silent():
    assert island_built() == []
