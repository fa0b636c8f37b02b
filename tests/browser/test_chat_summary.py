"""The chat's summary of a finished assessment (issue 22): one desktop screen, in plain
words, with a link that opens the full profile page."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.journey import FINISHED, Assessed
from tests.browser.pages import DESKTOP, REPLY_TIMEOUT

pytestmark = pytest.mark.browser

IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_0-9]+\b|\b(?:infant|household|carers|care|"
                        r"information)\.[a-z_]+|\[\d+\]")


def test_the_summary_fits_one_desktop_screen_and_opens_the_profile_page(
        browser: Browser, assistant, assessed: Assessed):
    context = browser.new_context(viewport=DESKTOP, storage_state=assessed.storage_state)
    try:
        page = context.new_page()
        page.goto(f"{assistant.url}/")
        summary = page.locator(".kbs-msg.bot", has_text=FINISHED).last
        expect(summary).to_be_visible(timeout=REPLY_TIMEOUT)
        summary.scroll_into_view_if_needed()
        box = summary.bounding_box()
        assert box is not None and box["height"] <= DESKTOP["height"], box
        text = summary.inner_text()
        assert "Level " in text and "First things to do" in text and "Not known" in text
        assert not IDENTIFIER.findall(text), IDENTIFIER.findall(text)
        link = summary.get_by_role("link", name="Open the full profile")
        expect(link).to_have_attribute("href", f"/profiles/{assessed.profiles[2]}")
        with context.expect_page() as opened:  # the widget opens links in a new tab, so
            link.click()                       # the conversation stays where it was
        profile = opened.value
        profile.wait_for_load_state()
        assert re.search(rf"/profiles/{assessed.profiles[2]}$", profile.url), profile.url
        expect(profile.locator("h1")).to_contain_text(f"Case {assessed.reference}")
    finally:
        context.close()
