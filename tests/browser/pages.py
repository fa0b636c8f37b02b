"""Driving the web app's pages in Chromium: sign in, talk in the chat, take screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.integration.conftest import PASSWORD

SCREENSHOTS = ROOT / "results" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}
REPLY_TIMEOUT = 60_000  # ms: generous, as the first turn on a cold server takes several seconds


def sign_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")


def signed_in(page: Page, assistant, username: str) -> Page:
    """``page`` signed in as ``username`` (the account is made when new)."""
    if username not in assistant.users:
        assistant.add_user(username)
    sign_in(page, assistant.url, username)
    return page


def bot_count(page: Page) -> int:
    return page.locator(".kbs-msg.bot").count()


def wait_for_reply(page: Page, bot_messages_before: int) -> None:
    """Wait until the assistant's answer is shown (the widget adds a whole reply at once)."""
    page.wait_for_function("n => document.querySelectorAll('.kbs-msg.bot').length > n",
                           arg=bot_messages_before, timeout=REPLY_TIMEOUT)
    expect(page.locator(".kbs-typing")).to_be_hidden()


def send(page: Page, text: str) -> None:
    """Type ``text`` and press Enter; wait for the assistant's answer."""
    before = bot_count(page)
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    wait_for_reply(page, before)


def choose(page: Page, title: str) -> None:
    """Click the newest quick reply called ``title``; wait for the assistant's answer."""
    before = bot_count(page)
    page.locator(".kbs-replies").last.get_by_role("button", name=title, exact=True).click()
    wait_for_reply(page, before)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path
