"""Filling a published form in the browser with ODK Web Forms, on a phone, in fa and th: sent
at once online, queued offline and sent when the connection returns; a draft survives reload."""

from __future__ import annotations

import pytest

from mahalla.people.roles import Role
from mahalla.surveys.models import Submission
from mahalla.surveys.testing import make_version
from mahalla.testing import PASSWORD, grant, make_user

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture
def surveyor(world):
    user = make_user("surveyor_kt", first_name="Malee")
    grant(user, Role.SURVEYOR, area=world.khlong_toei)
    return user


@pytest.fixture
def phone(browser, live_server, browser_locale):
    """A phone-sized context of our own: service workers allowed (the shared `page` fixture
    routes every request, which keeps a service worker from answering for the page)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale=browser_locale,
        viewport={"width": 390, "height": 844},
        service_workers="allow",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.console_messages = []
    page.outside = []
    page.on("console", lambda msg: page.console_messages.append(f"{msg.type}: {msg.text}"))
    origin = live_server.url.rstrip("/")
    page.on(
        "request",
        lambda r: None if r.url.startswith((origin, "data:", "blob:")) else page.outside.append(r.url),
    )
    yield page
    context.close()


def _sign_in(page, user, language):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.select_option("#language-select", language)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_probe(phone, world, surveyor, browser_locale):
    version = make_version(world.khlong_toei)
    _sign_in(phone, surveyor, "fa")
    phone.add_init_script("document.addEventListener('securitypolicyviolation', e => console.log('CSPV', e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.columnNumber, e.sample, e.target && e.target.outerHTML && e.target.outerHTML.slice(0,200)))")
    phone.on("response", lambda r: r.status >= 400 and phone.console_messages.append(f"HTTP {r.status} {r.url}"))
    phone.goto(f"/surveys/webforms/{version.pk}/")
    phone.locator("#webform[data-state=ready]").wait_for()
    phone.wait_for_timeout(1000)
    open("/tmp/wf/dom.html", "w").write(phone.content())
    phone.screenshot(path="/tmp/wf/shot.png", full_page=True)
    open("/tmp/wf/console.txt", "w").write("\n".join(phone.console_messages))
