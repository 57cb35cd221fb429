#!/usr/bin/env python
"""Screenshots of the main pages in Thai and Persian, for the documentation.

Starts nothing: point it at a running server with the demo data (`manage.py demo_data`).
The demo logins are used unless others are given:

    python scripts/screenshots.py --base-url http://127.0.0.1:8000 \
        --login th=officer_klongtoei:mahalla-demo --login fa=admin:mahalla-demo

For each language it signs in, sets the language, and saves
docs/screenshots/{home,area_list,area_detail,boundary_import,area_create,organisations,roles,
survey_forms,survey_form,campaigns,campaign,submissions,submission,webforms,webform}_{th,fa}.png
at a phone width (pages the login may not open are skipped),
and the same names ending in _desktop.png at a desktop width.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
DEFAULT_AREAS = {"th": "คลองเตย", "fa": "منطقه ۱۲"}
# The Persian shots use the administrator: no Persian demo persona may import boundaries.
DEFAULT_LOGINS = {"th": "officer_klongtoei:mahalla-demo", "fa": "admin:mahalla-demo"}
LOCALES = {"th": "th-TH", "fa": "fa-IR", "en": "en-GB"}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument(
        "--login",
        action="append",
        default=[],
        metavar="LANG=USER:PASSWORD",
        help="who signs in for each language; repeat the option (defaults: demo logins)",
    )
    parser.add_argument(
        "--area",
        action="append",
        default=[],
        metavar="LANG=NAME",
        help="name searched to find the area shown in detail (defaults: คลองเตย, منطقه ۱۲)",
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--languages", default="th,fa")
    return parser.parse_args(argv)


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"expected LANG=VALUE, got {item!r}")
        pairs[key] = value
    return pairs


def shoot(page: Page, out: Path, name: str, desktop: bool) -> None:
    page.wait_for_load_state("networkidle")
    if page.locator("#area-map").count():
        page.wait_for_selector("#area-map[data-map-ready='1']", timeout=30_000)
        page.wait_for_timeout(500)  # let the first frame settle
    suffix = "_desktop" if desktop else ""
    path = out / f"{name}{suffix}.png"
    page.screenshot(path=str(path), full_page=not desktop)
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def run_language(browser, args, language: str, login: str, area_query: str, out: Path) -> None:
    username, _, password = login.partition(":")
    for desktop in (False, True):
        context = browser.new_context(
            base_url=args.base_url,
            locale=LOCALES.get(language, language),
            viewport=DESKTOP if desktop else PHONE,
            device_scale_factor=1 if desktop else 2,
        )
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("main button[type=submit]")
        if page.locator("html").get_attribute("lang") != language:
            with page.expect_navigation():
                page.select_option("#language-select", language)
        page.goto("/")
        shoot(page, out, f"home_{language}", desktop)

        page.goto("/places/?" + urlencode({"q": area_query}))
        shoot(page, out, f"area_list_{language}", desktop)
        first = page.locator(".area-cards .card-title").first
        if not first.count():
            raise SystemExit(f"no area found for {area_query!r} as {username}")
        with page.expect_navigation():
            first.click()
        shoot(page, out, f"area_detail_{language}", desktop)

        detail_url = page.url
        for selector, name in (
            ("a[href$='/import/']", "boundary_import"),
            ("a[href$='/new/']", "area_create"),
        ):
            link = page.locator(selector).first
            if link.count():
                with page.expect_navigation():
                    link.click()
                shoot(page, out, f"{name}_{language}", desktop)
                page.goto(detail_url)
            else:
                print(f"{username} may not reach {name}: no {name}_{language} shot")

        people_pages = (("/people/organisations/", "organisations"), ("/people/roles/", "roles"))
        for path, name in people_pages:
            response = page.goto(path)
            if response is not None and response.ok:
                shoot(page, out, f"{name}_{language}", desktop)
            else:
                print(f"{username} may not open {path}: no {name}_{language} shot")
        _surveys(page, out, language, desktop, username)
        _registry(page, out, language, desktop, username)
        _governance(page, out, language, desktop)
        context.close()


# The area whose dashboard is shown, when the login has several (its name in the list).
DASHBOARD_AREA = {"th": "กรุงเทพมหานคร", "fa": "تهران"}


def _dashboard(page: Page, out: Path, language: str, desktop: bool) -> None:
    page.goto("/registry/dashboard/")
    choice = page.locator("main .card-title", has_text=DASHBOARD_AREA.get(language, "")).first
    if page.locator(".key-figures").count() == 0 and choice.count():
        with page.expect_navigation():
            choice.click()
    if page.locator(".key-figures").count():
        if page.locator("#dashboard-map").count():
            page.wait_for_selector("#dashboard-map[data-ready='1']", timeout=30_000)
        page.wait_for_timeout(500)  # the charts and the map's first frame
        shoot(page, out, f"dashboard_{language}", desktop)
        if not desktop:
            _report(page, out, language)


def _report(page: Page, out: Path, language: str) -> None:
    """The district report in the reader's language: made by the worker, downloaded, and its
    first page drawn as a PNG by poppler's pdftoppm when the machine has it."""
    with page.expect_navigation():
        page.click("#make-report")
    page.wait_for_selector("#report-progress[data-status=done]", timeout=120_000)
    with page.expect_download() as download:
        page.click("#report-file")
    pdf = out / f"report_{language}.pdf"
    download.value.save_as(str(pdf))
    tool = shutil.which("pdftoppm")
    try:
        if tool is None:
            print("pdftoppm (Debian package poppler-utils) is missing: no report_pdf shot")
            return
        stem = out / f"report_pdf_{language}"
        subprocess.run(  # noqa: S603 - poppler's own tool, on our own file
            [tool, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        print(f"wrote {stem}.png")
    finally:
        pdf.unlink()


# Who reads the access log in the screenshots: the demo's auditor (Bangkok).
AUDITOR = "auditor_bangkok"


def _access_log(browser, args, language: str, password: str, out: Path) -> None:
    context = browser.new_context(
        base_url=args.base_url, locale=LOCALES.get(language, language), viewport=PHONE,
        device_scale_factor=2,
    )  # fmt: skip
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", AUDITOR)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    response = page.goto("/people/access-log/")
    if response is not None and response.ok:
        shoot(page, out, f"access_log_{language}", False)
    else:
        print(f"{AUDITOR} may not open the access log: no access_log_{language} shot")
    context.close()


# The community whose registry pages are shown, per language (searched by name).
REGISTRY_QUERY = {"th": "ล็อค 1-2-3", "fa": "سنگلج"}


def _registry(page: Page, out: Path, language: str, desktop: bool, username: str) -> None:
    """Communities (searched), one community's profile, its households and one household."""
    query = urlencode({"q": REGISTRY_QUERY.get(language, "")})
    response = page.goto(f"/registry/settlements/?{query}")
    if response is None or not response.ok:
        print(f"{username} may not open the registry: no communities_{language} shot")
        return
    shoot(page, out, f"communities_{language}", desktop)
    _dashboard(page, out, language, desktop)
    page.goto(f"/registry/settlements/?{query}")
    first = page.locator(".settlement-cards .card-title").first
    if not first.count():
        print(f"no community found for {query} as {username}")
        return
    with page.expect_navigation():
        first.click()
    shoot(page, out, f"community_{language}", desktop)
    households = page.locator("main a[href^='/registry/households/?community=']").first
    if not households.count():
        print(f"{username} may not see households: no households_{language} shot")
        return
    with page.expect_navigation():
        households.click()
    shoot(page, out, f"households_{language}", desktop)
    card = page.locator(".household-cards .card-title").first
    if card.count():
        with page.expect_navigation():
            card.click()
        shoot(page, out, f"household_{language}", desktop)
    _tenure(page, out, language, desktop)
    response = page.goto("/registry/values/tenure_type/")
    if response is not None and response.ok:
        shoot(page, out, f"values_{language}", desktop)


def _tenure(page: Page, out: Path, language: str, desktop: bool) -> None:
    """A household whose tenure has a document (the demo attaches some), its section open."""
    # The page's own request context carries its session; JSON, not the browsable API.
    found = page.request.get(
        "/api/tenure-relationships/?has_documents=true", headers={"Accept": "application/json"}
    )
    if not found.ok:
        return
    rows = [r for r in found.json()["results"] if r["documents"]]
    if not rows:
        print("no tenure relationship with a document: no household_tenure shot")
        return
    page.goto(f"/registry/households/{rows[0]['household']}/#tenure-{rows[0]['id']}")
    page.click(f"#tenure-{rows[0]['id']} summary")
    shoot(page, out, f"household_tenure_{language}", desktop)


def _governance(page: Page, out: Path, language: str, desktop: bool) -> None:
    """Bodies, a development document and an organisation's tracker. (A body, a meeting, an
    overdue resolution and the attention page are taken by the governance browser test, which
    runs a meeting end to end: `SCREENSHOTS=docs/screenshots pytest -m browser -k governance`.)"""
    response = page.goto("/governance/")
    if response is None or not response.ok:
        print(f"no governance pages for {language}")
        return
    shoot(page, out, f"governance_bodies_{language}", desktop)
    page.goto("/governance/documents/")
    documents = [
        h
        for h in page.locator("main a[href^='/governance/documents/']").evaluate_all(HREFS)
        if h.rstrip("/").split("/")[-1].isdigit()
    ]
    if documents:
        page.goto(documents[0])
        shoot(page, out, f"governance_document_{language}", desktop)
    # The tracker of an organisation with resolutions: the first one a resolution names.
    page.goto("/governance/attention/")
    found = page.request.get("/api/resolutions/", headers={"Accept": "application/json"})
    rows = found.json().get("results", []) if found.ok else []
    if rows and rows[0]["responsible"]:
        page.goto(f"/governance/organisations/{rows[0]['responsible'][0]}/")
        shoot(page, out, f"governance_tracker_{language}", desktop)


# Survey pages: a list, then the first item it links to (selector within <main>).
SURVEY_PAGES = (
    ("forms", "survey_forms", "survey_form"),
    ("campaigns", "campaigns", "campaign"),
    ("submissions", "submissions", "submission"),
    ("webforms", "webforms", "webform"),
)
HREFS = "els => els.map(e => e.getAttribute('href'))"


def _surveys(page: Page, out: Path, language: str, desktop: bool, username: str) -> None:
    for part, list_name, item_name in SURVEY_PAGES:
        path = f"/surveys/{part}/"
        selector = f"main a[href^='{path}'][href$='/']"
        response = page.goto(path)
        if response is None or not response.ok:
            print(f"{username} may not open {path}: no {list_name}_{language} shot")
            continue
        shoot(page, out, f"{list_name}_{language}", desktop)
        links = [
            href
            for href in page.locator(selector).evaluate_all(
                "els => els.map(e => e.getAttribute('href'))"
            )
            if href.rstrip("/").split("/")[-1].isdigit()
        ]
        if links:
            page.goto(links[0])
            if item_name == "webform":
                page.wait_for_timeout(3000)  # the island loads the form
            shoot(page, out, f"{item_name}_{language}", desktop)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    logins = {**DEFAULT_LOGINS, **_pairs(args.login)}
    areas = {**DEFAULT_AREAS, **_pairs(args.area)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    languages = [code for code in args.languages.split(",") if code]
    missing = [code for code in languages if code not in logins]
    if missing:
        raise SystemExit(f"give --login for: {', '.join(missing)}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for language in languages:
                run_language(
                    browser, args, language, logins[language], areas.get(language, ""), out
                )
                password = logins[language].partition(":")[2]
                _access_log(browser, args, language, password, out)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
