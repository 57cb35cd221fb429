"""Playwright fixtures: Debian's chromium, headless, against pytest-django's live server.

Loaded as a plugin from the root conftest. Tests that use `page` are marked `browser`.
A failing test leaves a full-page screenshot in test-artifacts/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told that the test code is synchronous anyway.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # WebGL through the software rasteriser, so MapLibre can draw without a GPU.
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"chromium not found at {CHROMIUM}: browser tests cannot run"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language (Accept-Language and navigator.language); override per test."""
    return "en-GB"


@pytest.fixture
def page(request, browser, live_server, browser_locale):
    """A fresh browser page whose relative URLs go to the live server.

    Blocks every request that is not for the live server, so a test fails rather than
    reaching the internet.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale=browser_locale,
        viewport={"width": 390, "height": 844},
    )
    context.set_default_timeout(15_000)
    origin = live_server.url.rstrip("/")
    blocked: list[str] = []

    def _only_local(route):
        if route.request.url.startswith((origin, "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", _only_local)
    page = context.new_page()
    page.console_messages = []  # type: ignore[attr-defined]
    page.blocked_requests = blocked  # type: ignore[attr-defined]  # tests assert it stays empty
    page.on("console", lambda msg: page.console_messages.append(f"{msg.type}: {msg.text}"))
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(page.console_messages))
        except Exception:  # noqa: BLE001,S110 - a screenshot must never hide the real failure
            pass
    context.close()


@pytest.fixture
def phone(browser, live_server, browser_locale):
    """A phone-sized page whose service workers may answer (pages that open offline): `page`
    routes every request, and a routed context keeps a service worker from answering for the
    page. Requests leaving the live server are recorded in `page.outside` instead."""
    context = browser.new_context(
        base_url=live_server.url,
        locale=browser_locale,
        viewport={"width": 390, "height": 844},
        service_workers="allow",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    origin = live_server.url.rstrip("/")
    page.outside = []  # type: ignore[attr-defined]
    page.console_messages = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: page.console_messages.append(f"{msg.type}: {msg.text}"))
    page.on(
        "request",
        lambda r: r.url.startswith((origin, "data:", "blob:")) or page.outside.append(r.url),
    )
    yield page
    context.close()
