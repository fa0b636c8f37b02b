"""axe-core in the page: no serious or critical violations on the chat and record pages."""

import pytest
from axe_playwright_python import sync_playwright as axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import MOBILE, signed_in
from tests.web_seed import seed_case

pytestmark = pytest.mark.browser


def serious_violations(page: Page) -> list[str]:
    results = axe.Axe().run(page).response
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def saved(database):
    return seed_case(database, "hv.axe", "AXE-01")


@pytest.mark.parametrize("width", [None, MOBILE])
def test_chat_page(page: Page, assistant, width):
    signed_in(page, assistant, "hv.axe")
    if width:
        page.set_viewport_size(width)
    page.get_by_label("Your message").fill("hello")
    page.get_by_label("Your message").press("Enter")
    expect(page.locator(".kbs-replies")).to_have_count(1)
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", ["/cases", "/cases/{case}", "/profiles/{profile}",
                                  "/profiles/{profile}/print", "/cases/{case}/compare"])
def test_record_pages(page: Page, assistant, saved, path):
    signed_in(page, assistant, "hv.axe")
    page.goto(assistant.url + path.format(case=saved["case"], profile=saved["profiles"][1]))
    assert serious_violations(page) == []


def test_sign_in_page(page: Page, assistant):
    page.goto(f"{assistant.url}/sign-in")
    assert serious_violations(page) == []
