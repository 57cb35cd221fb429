"""Catalogues compile to .mo without GNU gettext, and a broken one stops set-up."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "compile_messages.py"


def run(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, check=False
    )


def test_every_catalogue_is_compiled_and_readable(tmp_path):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Places", msgstr="พื้นที่"))
    catalogue.append(polib.POEntry(msgid="People", msgstr="คน", flags=["fuzzy"]))
    po_path = tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    catalogue.save(str(po_path))

    result = run(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "1 translated" in result.stdout and "1 fuzzy" in result.stdout
    with po_path.with_suffix(".mo").open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    assert translations.gettext("Places") == "พื้นที่"
    assert translations.gettext("People") == "People"  # fuzzy entries are not used


def test_a_broken_catalogue_makes_the_script_fail(tmp_path):
    po_path = tmp_path / "locale" / "fa" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text('msgid "Places"\nmsgstr "مکان"\nnot a po line\n', encoding="utf-8")

    result = run(tmp_path)

    assert result.returncode == 1
    assert "locale/fa/LC_MESSAGES/django.po" in result.stderr


def test_no_catalogues_is_not_an_error(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 0
    assert "no message catalogues" in result.stdout
