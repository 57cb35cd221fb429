"""A district officer on a phone, in Thai and in Persian: approves a household submission,
finds the household in the registry, opens it, deletes it and undoes the deletion; then
opens the community's page with its profile, the district's dashboard, and downloads the
district's PDF report."""

from __future__ import annotations

import os

import pytest

from mahalla.registry.models import DistrictReport, Household
from mahalla.registry.testing import default_versions, household_answers, profile_answers, submit
from mahalla.testing import PASSWORD

pytestmark = pytest.mark.browser

NAMES = {"th": "สมหญิง รักดี", "fa": "فاطمه كريمي"}
# The household's tenure and the community's land owner, as the reader's language names them.
TEXT = {
    "th": ("ผู้อยู่อาศัยโดยไม่มีเอกสารสิทธิ์", "หน่วยงานรัฐ"),
    "fa": ("ساکن بدون سند", "دستگاه دولتی"),
}
SHOTS = os.environ.get("SCREENSHOTS")
DIGITS = {"th": "1", "fa": "۱"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _sign_in(page, user, language):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_officer_approves_finds_and_restores_a_household(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    name = NAMES[language]
    community, household_form = default_versions(world.bangkok, user=world.admin)
    submission = submit(household_form, household_answers(head_name=name))
    from mahalla.surveys.submissions.review import submission_review

    submission_review(
        submission=submit(community, profile_answers()),
        user=world.khlong_toei_officer,
        state="approved",
    )
    _sign_in(page, world.khlong_toei_officer, language)
    if language == "fa":
        assert page.locator("html").get_attribute("dir") == "rtl"

    # Approve the household survey from its page.
    page.goto(f"/surveys/submissions/{submission.pk}/")
    with page.expect_navigation():
        page.click("button[name=state][value=approved]")
    with page.expect_navigation():
        page.click("#confirm-review")
    household = Household.objects.get(source_submission=submission)

    # Find it from the header's registry link, searching the name as typed on a phone:
    # Persian with Arabic letter forms, Thai without the space.
    with page.expect_navigation():
        page.click(".main-nav a[href='/registry/settlements/']")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/communities-{language}.png", full_page=True)
    with page.expect_navigation():
        page.click(".page-header a[href='/registry/households/']")
    typed = {"th": "สมหญิงรักดี", "fa": "فاطمه کریمی"}[language]
    page.fill("input[name=q]", typed)
    with page.expect_navigation():
        page.click(".filters button[type=submit]")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/households-{language}.png", full_page=True)
    cards = page.locator(".household-cards .card")
    assert cards.count() == 1 and name in cards.first.inner_text()
    with page.expect_navigation():
        cards.first.locator("a").click()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/household-{language}.png", full_page=True)
    facts = page.locator(".household-facts").inner_text()
    assert TEXT[language][0] in facts  # tenure, in the reader's language
    assert page.locator("table.members tbody tr").count() == 2

    # Delete (asked first), then undo.
    with page.expect_navigation():
        page.click(f"a[href='/registry/households/{household.pk}/delete/']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("#deleted-notice").is_visible()
    box = page.locator("#deleted-notice button").bounding_box()
    assert box["height"] >= 44
    with page.expect_navigation():
        page.click("#deleted-notice button")
    household.refresh_from_db()
    assert not household.is_deleted

    # Attach a photographed lease to the household's tenure, and set when it began, typed
    # in the reader's calendar and digits.
    relationship = household.relationships.get()
    page.click(f"#tenure-{relationship.pk} summary")
    start = {"th": "๑/๖/๒๕๖๗", "fa": "۱۴۰۳/۳/۱۲"}[language]
    page.fill(f"#id_dates-{relationship.pk}-valid_from", start)
    with page.expect_navigation():
        page.click(f"#tenure-{relationship.pk} .tenure-dates-form button")
    relationship.refresh_from_db()
    assert relationship.valid_from.isoformat() == {"th": "2024-06-01", "fa": "2024-06-01"}[language]
    page.click(f"#tenure-{relationship.pk} summary")
    page.set_input_files(
        f"#id_evidence-{relationship.pk}-file",
        files=[{"name": "lease.png", "mimeType": "image/png", "buffer": PNG}],
    )
    box = page.locator(f"#tenure-{relationship.pk} .evidence-form button").bounding_box()
    assert box["height"] >= 44
    with page.expect_navigation():
        page.click(f"#tenure-{relationship.pk} .evidence-form button")
    listed = page.locator(f"#tenure-{relationship.pk} .evidence-list").inner_text()
    assert "lease.png" in listed
    # Removed after asking (attached to the wrong household, say), then brought back.
    with page.expect_navigation():
        page.click(f"#tenure-{relationship.pk} .evidence-list a.button")
    with page.expect_navigation():
        page.click("main form button.danger")
    assert page.locator(f"#tenure-{relationship.pk} .evidence-removed").count() == 1
    with page.expect_navigation():
        page.click(f"#tenure-{relationship.pk} .evidence-removed button")
    assert page.locator(f"#tenure-{relationship.pk} .evidence-removed").count() == 0
    page.click(f"#tenure-{relationship.pk} summary")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/household-tenure-{language}.png", full_page=True)

    # The community's page shows its profile.
    with page.expect_navigation():
        page.click(f".household-facts a[href='/registry/settlements/{world.lock_123.pk}/']")
    assert TEXT[language][1] in page.locator(".profile-facts").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1  # nothing wider than the phone
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/community-{language}.png", full_page=True)

    # The district's dashboard, reached from the communities list.
    page.goto("/registry/settlements/")
    with page.expect_navigation():
        page.click(".page-header a[href='/registry/dashboard/']")
    page.goto(f"/registry/dashboard/{world.khlong_toei.pk}/")
    figures = page.locator(".key-figures").inner_text()
    assert DIGITS[language] in figures  # the one household, in the reader's digits
    assert page.locator("#dashboard-deprivations tbody tr").count() == 6
    # Charts drawn from the tables, and the communities coloured on the map.
    page.wait_for_selector("#dashboard-map[data-ready='1']")
    assert page.locator(".dashboard-chart svg").count() >= 8
    legend = page.locator("#choropleth-legend").inner_text()
    assert {"th": "20%", "fa": "۲۰٪"}[language] in legend
    page.select_option("#choropleth-indicator", "no_tenure_share")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    assert page.blocked_requests == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/dashboard-{language}.png", full_page=True)

    # The district report, in the reader's language (chosen for them), downloaded as a PDF.
    assert page.locator("#id_report_language").input_value() == language
    box = page.locator("#make-report").bounding_box()
    assert box["height"] >= 44
    with page.expect_navigation():
        page.click("#make-report")
    page.wait_for_selector("#report-progress[data-status=done]")
    with page.expect_download() as download:
        page.click("#report-file")
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
    report = DistrictReport.objects.get()
    assert report.language == language and report.area == world.khlong_toei
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/report-{language}.png", full_page=True)


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_anyone_reads_the_public_figures_on_a_phone(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    community, household_form = default_versions(world.bangkok, user=world.admin)
    from mahalla.surveys.submissions.review import submission_review

    for index in range(6):
        submission_review(
            submission=submit(household_form, household_answers(head_name=f"บ้าน {index}")),
            user=world.khlong_toei_officer,
            state="approved",
        )
    page.goto("/")
    with page.expect_navigation():
        page.click("a[href='/registry/public/']")
    with page.expect_navigation():
        page.click(f"a[href='/registry/public/{world.bangkok.pk}/']")
    with page.expect_navigation():
        page.click(f"a[href='/registry/public/{world.khlong_toei.pk}/']")
    cells = page.locator("#public-by-area-table tbody").inner_text()
    assert {"th": "6", "fa": "۶"}[language] in cells
    assert "บ้าน 0" not in page.content()  # no household's name
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    assert page.blocked_requests == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/public-{language}.png", full_page=True)


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_a_manager_edits_a_forms_registry_mapping(page, live_server, world, browser_locale):
    language = browser_locale[:2]
    _community, household_form = default_versions(world.bangkok, user=world.admin)
    _sign_in(page, world.admin, language)
    page.goto("/registry/settlements/")
    with page.expect_navigation():
        page.click(".page-header a[href='/registry/mappings/']")
    with page.expect_navigation():
        page.click(f"a[href='/registry/mappings/{household_form.form.pk}/']")
    head = page.locator("select[name='map__head_name']")
    assert head.input_value() == "/head_name"
    head.select_option("")  # stop filling the head's name
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.locator("select[name='map__head_name']").input_value() == ""
    assert page.locator(".messages").count() == 1
    box = page.locator("button[name=save]").bounding_box()
    assert box["height"] >= 44
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    assert page.blocked_requests == []


@pytest.mark.parametrize("browser_locale", ["th-TH", "fa-IR"])
def test_an_administrator_renames_a_value_on_a_phone(page, live_server, world, browser_locale):
    from mahalla.registry.models import Value

    language = browser_locale[:2]
    # A browser test's database starts empty of the migrations' rows: the value is made here.
    value, _made = Value.objects.get_or_create(
        list="evidence_type", code="utility_bill",
        defaults={"name_en": "Water or electricity bill", "rank": 5},
    )  # fmt: skip
    _sign_in(page, world.admin, language)
    page.goto("/registry/settlements/")
    with page.expect_navigation():
        page.click(".page-header a[href='/registry/values/']")
    with page.expect_navigation():
        page.click("a[href='/registry/values/evidence_type/']")
    with page.expect_navigation():
        page.click(f"a[href='/registry/value/{value.pk}/']")
    name = {"th": "ใบแจ้งหนี้ค่าน้ำหรือค่าไฟ", "fa": "قبض آب، برق یا گاز"}[language]
    page.fill(f"#id_name_{language}", name)
    page.fill("#id_rank", {"th": "๖", "fa": "۶"}[language])
    box = page.locator("main form button[type=submit]").bounding_box()
    assert box["height"] >= 44
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    value.refresh_from_db()
    assert getattr(value, f"name_{language}") == name and value.rank == 6
    assert name in page.locator("table.value-table").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/values-{language}.png", full_page=True)
