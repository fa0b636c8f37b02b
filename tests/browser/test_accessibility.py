"""axe-core in the page: no serious or critical violations on the chat and record pages."""

import pytest
from axe_playwright_python import sync_playwright as axe
from playwright.sync_api import Page, expect

from tests.browser.pages import MOBILE, signed_in

pytestmark = pytest.mark.browser


def serious_violations(page: Page) -> list[str]:
    results = axe.Axe().run(page).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [None, MOBILE])
def test_chat_page_with_an_assessment_in_it(browser, assistant, assessed, width):
    """The conversation of the assessment held in the chat, shown again after sign-in."""
    context = browser.new_context(storage_state=assessed.storage_state)
    try:
        page = context.new_page()
        if width:
            page.set_viewport_size(width)
        page.goto(f"{assistant.url}/")
        summary = page.locator(".kbs-msg.bot", has_text="What changed since version 1")
        expect(summary).to_have_count(1)
        assert serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/cases", "/cases/{case}", "/profiles/{profile}",
                                  "/profiles/{profile}/print", "/cases/{case}/compare"])
def test_record_pages(page: Page, assistant, assessed, path):
    signed_in(page, assistant, assessed.owner)
    page.goto(assistant.url + path.format(case=assessed.case, profile=assessed.profiles[2]))
    assert serious_violations(page) == []


def test_sign_in_page(page: Page, assistant):
    page.goto(f"{assistant.url}/sign-in")
    assert serious_violations(page) == []
