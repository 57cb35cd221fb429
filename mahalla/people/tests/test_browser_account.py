"""Logging in, changing the password and choosing the language, through a real browser.

In Persian (right to left) from the browser's own language; the language chosen on the
account page then follows the person to their next log-in.
"""

from __future__ import annotations

import pytest

from mahalla.testing import PASSWORD, make_user

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-new-long-password-73"  # noqa: S105


def _log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.parametrize("browser_locale", ["fa-IR"])
def test_log_in_change_password_and_choose_thai(page, live_server, db, browser_locale):
    make_user("leila", first_name="Leila")
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"

    _log_in(page, "leila", "wrong-password")
    assert page.locator("main .errorlist, main .error").first.is_visible()
    _log_in(page, "leila", PASSWORD)

    # The name in the header opens the account page.
    with page.expect_navigation():
        page.click("header a.who")
    assert page.locator("#token-heading").is_visible()
    with page.expect_navigation():
        page.click("main a[href='/accounts/password/change/']")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/accounts/password/change/done/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Thai, chosen on the account page, is saved with the account.
    with page.expect_navigation():
        page.click("main a[href='/accounts/']")
    page.select_option("#account-language", "th")
    with page.expect_navigation():
        page.click("#account-language ~ button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("#account-language").input_value() == "th"

    with page.expect_navigation():
        page.click("header form[action='/accounts/logout/'] button")
    # A fresh log-in with the new password, in a browser that still asks for Persian.
    page.context.clear_cookies()
    _log_in(page, "leila", PASSWORD)
    assert page.locator("main .errorlist, main .error").first.is_visible()  # old one is gone
    _log_in(page, "leila", NEW_PASSWORD)
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("header a.who").inner_text() == "Leila"
    assert page.blocked_requests == []
