"""Import a table of households on a phone, in Thai and Persian: upload → mapping → report."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from mahalla.surveys.models import Submission, SurveyImport
from mahalla.surveys.testing import make_version
from mahalla.surveys.tests import import_files as files
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

TABLES = {
    # Thai headers, Thai digits, saved by Excel as Windows-874; one room count is a word.
    "th": (
        "ครัวเรือน.csv",
        ["ชื่อครัวเรือน", "ละติจูด", "ลองจิจูด", "การถือครอง", "ห้อง"],
        [
            ["บ้านสมชาย", "๑๓.๗๑", "๑๐๐.๕๖", "ผู้เช่า", "๒"],
            ["บ้านมานี", "13.72", "100.57", "เจ้าของ", "สอง"],
        ],
        "cp874",
    ),
    # Persian headers and digits in UTF-8 with a BOM; latitude and longitude swapped in one row.
    "fa": (
        "خانوارها.csv",
        ["نام خانوار", "عرض جغرافیایی", "طول جغرافیایی", "تصرف", "اتاق"],
        [
            ["خانه پژوهش", "۱۳٫۷۱", "۱۰۰٫۵۶", "مالک", "۳"],
            ["خانه دوم", "100.57", "13.72", "مالک", "1"],
        ],
        "utf-8-sig",
    ),
}


def _shot(page, name: str) -> None:
    """With IMPORT_SCREENSHOTS=<folder>, a full-page screenshot of the step, to look at."""
    folder = os.environ.get("IMPORT_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_upload_mapping_check_and_report_on_a_phone(page, world, browser_locale, tmp_path):
    language = browser_locale[:2]
    version = make_version(world.khlong_toei)
    name, header, rows, encoding = TABLES[language]
    upload = tmp_path / name
    upload.write_bytes(files.plain_csv(rows, header, encoding=encoding))
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/accounts/login/")
    page.fill("input[name=username]", world.khlong_toei_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "fa" else "ltr")

    page.goto(reverse("surveys:data_import_new", kwargs={"form_pk": version.form_id}))
    page.set_input_files("input[type=file]", str(upload))
    with page.expect_navigation():
        page.click("main form.upload-form button[type=submit]")

    # The mapping step: each column's question guessed from its Thai or Persian name.
    assert page.locator("#id_column_0").input_value() == "/hh_name"
    assert page.locator("#id_column_1").input_value() == "/location#lat"
    assert page.locator("#id_column_3").input_value() == "/house/tenure"
    assert page.locator(".sample", has_text=rows[0][0]).count() == 1  # examples, decoded
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"survey-import-mapping-{language}")
    with page.expect_navigation():
        page.click("main form.mapping-form button[type=submit]")

    # The preview: one good row, one with its problem named by row and column.
    preview = page.locator(".import-preview")
    assert preview.locator(".tally-created").inner_text().strip() in ("1", "๑", "۱")
    problem = preview.locator(".problems-table tbody tr")
    assert problem.count() == 1
    assert header[4 if language == "th" else 1] in problem.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, f"survey-import-preview-{language}")
    page.check("input[name=skip_bad_rows]")
    with page.expect_navigation():
        page.click("main form.write-form button[type=submit]")

    report = page.locator("#import-progress")
    assert report.get_attribute("data-status") == "done"
    assert page.locator("#import-written").is_visible()
    assert SurveyImport.objects.get().is_written
    assert Submission.objects.count() == 1
    assert not page.blocked_requests
