"""The translation checks catch what they promise to catch (run on sample catalogues)."""

from __future__ import annotations

import polib
import pytest

from mahalla.core.tests import test_translations_complete as checks


def write_catalogue(root, language: str, entries: list[polib.POEntry], nplurals: int = 1):
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": f"nplurals={nplurals}; plural={'0' if nplurals == 1 else '(n > 1)'};",
    }
    catalogue.extend(entries)
    path = root / "locale" / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue.save(str(path))


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "ROOT", tmp_path)
    return tmp_path


def test_a_missing_catalogue_fails_naming_the_file(project):
    with pytest.raises(pytest.fail.Exception, match=r"locale/th/LC_MESSAGES/django.po"):
        checks.test_every_string_in_the_catalogue_is_translated("th")


def test_untranslated_and_fuzzy_strings_are_listed(project):
    write_catalogue(
        project,
        "th",
        [
            polib.POEntry(msgid="Places", msgstr="พื้นที่"),
            polib.POEntry(msgid="Organisations", msgstr="", occurrences=[("a.py", "3")]),
            polib.POEntry(msgid="People", msgstr="คน", flags=["fuzzy"]),
        ],
    )
    with pytest.raises(AssertionError) as caught:
        checks.test_every_string_in_the_catalogue_is_translated("th")
    message = str(caught.value)
    assert "'Organisations' (a.py:3)" in message
    assert "fuzzy" in message and "'People'" in message
    assert "'Places'" not in message


def test_a_complete_catalogue_passes(project):
    write_catalogue(project, "fa", [polib.POEntry(msgid="Places", msgstr="مکان‌ها")])
    checks.test_every_string_in_the_catalogue_is_translated("fa")
    checks.test_translations_keep_every_placeholder("fa")


@pytest.mark.parametrize(
    ("msgid", "msgstr", "flags"),
    [
        ("Welcome, %(name)s", "ยินดีต้อนรับ", ["python-format"]),
        ("Welcome, %(name)s", "ยินดีต้อนรับ %(nme)s", ["python-format"]),
        ("%(count)d rows", "%(count)s แถว", ["python-format"]),
        ("Row {row}: {error}", "แถว {row}", ["python-brace-format"]),
        ("Row {row}", "แถว", []),  # unflagged, but the original has a placeholder
    ],
)
def test_a_lost_or_changed_placeholder_is_reported(project, msgid, msgstr, flags):
    write_catalogue(project, "th", [polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags)])
    with pytest.raises(AssertionError, match="placeholders"):
        checks.test_translations_keep_every_placeholder("th")


def test_reordered_placeholders_and_literal_percent_signs_are_fine(project):
    write_catalogue(
        project,
        "th",
        [
            polib.POEntry(
                msgid="%(a)s of %(b)s (100%%)",
                msgstr="%(b)s: %(a)s (100%%)",
                flags=["python-format"],
            ),
            polib.POEntry(msgid="{a} and {b}", msgstr="{b} และ {a}", flags=["python-brace-format"]),
        ],
    )
    checks.test_translations_keep_every_placeholder("th")


def test_plural_forms_need_the_count_in_the_general_form(project):
    entry = polib.POEntry(
        msgid="%(shown)s place",
        msgid_plural="%(shown)s places",
        msgstr_plural={0: "یک مکان", 1: "مکان"},
        flags=["python-format"],
    )
    write_catalogue(project, "fa", [entry], nplurals=2)
    with pytest.raises(AssertionError, match="last plural form lacks"):
        checks.test_translations_keep_every_placeholder("fa")


def test_a_plural_entry_with_too_few_forms_is_reported(project):
    entry = polib.POEntry(
        msgid="%(n)s place", msgid_plural="%(n)s places", msgstr_plural={0: "%(n)s مکان"}
    )
    write_catalogue(project, "fa", [entry], nplurals=2)
    with pytest.raises(AssertionError, match="need 2 form"):
        checks.test_plural_translations_have_every_form("fa")


def test_strings_marked_in_the_code_but_absent_from_the_catalogue_are_listed(project):
    write_catalogue(project, "th", [polib.POEntry(msgid="Places", msgstr="พื้นที่")])
    marked = {
        (None, "Places"): polib.POEntry(msgid="Places"),
        (None, "Boundaries"): polib.POEntry(msgid="Boundaries", occurrences=[("b.py", "9")]),
        ("menu", "Places"): polib.POEntry(msgid="Places", msgctxt="menu"),
    }
    with pytest.raises(AssertionError) as caught:
        checks.test_catalogue_has_every_string_marked_in_the_code("th", marked)
    message = str(caught.value)
    assert "lacks 2 string(s)" in message
    assert "'Boundaries' (b.py:9)" in message
    assert "[menu] 'Places'" in message


def test_a_django_message_missing_or_untranslated_in_our_catalogue_is_listed(project, monkeypatch):
    monkeypatch.setattr(checks, "MESSAGES", ("This field is required.", "Enter a number."))
    monkeypatch.setattr(checks, "PLURAL_MESSAGES", (("%(n)d character", "%(n)d characters"),))
    write_catalogue(
        project,
        "th",
        [
            polib.POEntry(msgid="This field is required.", msgstr="โปรดกรอกช่องนี้"),
            polib.POEntry(
                msgid="%(n)d character", msgid_plural="%(n)d characters", msgstr_plural={0: ""}
            ),
        ],
    )
    with pytest.raises(AssertionError) as caught:
        checks.test_django_messages_have_our_translation("th")
    message = str(caught.value)
    assert "1 missing" in message and "'Enter a number.'" in message
    assert "1 untranslated or fuzzy" in message and "'%(n)d character'" in message
    assert "'This field is required.'" not in message
