"""Templates show dates and numbers in the user's calendar and digits without {% load %}."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render(context)


def test_localdate_uses_the_active_languages_calendar():
    source = "{{ d|localdate }}|{{ d|localdate:'short' }}"
    assert render(source, "th", d=date(2024, 12, 31)) == "31 ธ.ค. 2567|31/12/2567"
    assert render(source, "fa", d=date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳|۱۴۰۳/۱۲/۳۰"
    assert render(source, "en", d=date(2025, 3, 20)) == "20 Mar 2025|2025-03-20"


def test_localdatetime_shows_the_time_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    moment = datetime(2025, 3, 20, 20, 30, tzinfo=UTC)  # 00:00 on Nowruz in Tehran
    assert render("{{ t|localdatetime }}", "fa", t=moment) == "۱ فروردین ۱۴۰۴، ۰۰:۰۰"


def test_localnumber_groups_digits():
    assert render("{{ n|localnumber }}", "fa", n=12345) == "۱۲٬۳۴۵"
    assert render("{{ n|localnumber }}", "th", n=12345) == "12,345"
    assert render("{{ n|localnumber:2 }}", "en", n=Decimal("3.14159")) == "3.14"


def test_localdigits_changes_only_digits():
    assert render("{{ c|localdigits }}", "fa", c="L-12/3") == "L-۱۲/۳"


@pytest.mark.parametrize(
    "filter_name", ["localdate", "localdatetime", "localdigits", "localnumber"]
)
@pytest.mark.parametrize("value", [None, ""])
def test_missing_values_render_as_nothing(filter_name, value):
    assert render(f"[{{{{ v|{filter_name} }}}}]", "fa", v=value) == "[]"


def test_wrong_types_are_shown_as_text_not_an_error():
    assert render("{{ v|localdate }}", "en", v="soon") == "soon"
    assert render("{{ v|localnumber }}", "fa", v="n/a 12") == "n/a ۱۲"


def test_output_is_escaped():
    assert render("{{ v|localnumber }}", "en", v="<b>1</b>") == "&lt;b&gt;1&lt;/b&gt;"


def test_file_sizes_speak_the_readers_language_and_digits():
    source = "{{ a|localfilesize }}|{{ b|localfilesize }}|{{ c|localfilesize }}"
    sizes = {"a": 72, "b": 3600, "c": 5 * 1024 * 1024 + 1024 * 300}
    assert render(source, "fa", **sizes) == "۷۲ بایت|۳٫۵ کیلوبایت|۵٫۳ مگابایت"
    assert render(source, "th", **sizes) == "72 ไบต์|3.5 KB|5.3 MB"
    assert render(source, "en", **sizes) == "72 bytes|3.5 KB|5.3 MB"
    assert render("{{ x|localfilesize }}", "fa", x=None) == ""


def test_no_template_uses_djangos_untranslated_file_sizes():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if "|filesizeformat" in path.read_text(encoding="utf-8")
    ]
    assert found == []
