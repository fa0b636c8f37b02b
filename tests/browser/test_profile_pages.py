"""Saved profiles in Chromium: summary with pictures, comparison, print view, export, and a
second practitioner refused (403) with the attempt in the audit log.

Until the assess dialogue (issue 4) saves profiles, the test saves them itself.
"""

import json

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from actions.store.schema import audit_log
from tests.browser.conftest import DESKTOP, MOBILE, screenshot, signed_in
from tests.web_seed import seed_case

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def saved(database):
    return seed_case(database, "hv.owner", "KBS-0007")


@pytest.fixture
def owner(page: Page, assistant, saved) -> Page:
    return signed_in(page, assistant, "hv.owner")


def test_summary_with_its_pictures_from_the_case_list(owner: Page, assistant, saved):
    owner.get_by_role("link", name="Cases").click()
    owner.get_by_role("link", name="KBS-0007").click()
    expect(owner.get_by_role("img", name="The level over successive profiles")).to_be_visible()
    owner.get_by_role("link", name="Version 2", exact=True).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Case KBS-0007: profile version 2")
    red_flags = owner.locator(".red-flags")
    expect(red_flags).to_contain_text("Injury to a baby who is not mobile")
    routes = owner.get_by_role("heading", name="Routes")
    assert red_flags.bounding_box()["y"] < routes.bounding_box()["y"]
    expect(owner.get_by_role("img", name="The profile by domain")).to_be_visible()
    expect(owner.locator("rect.segment.present")).to_have_count(5)  # every domain but care
    screenshot(owner, "profile-desktop")
    owner.set_viewport_size(MOBILE)
    screenshot(owner, "profile-mobile")
    assert owner.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    owner.set_viewport_size(DESKTOP)


def test_comparison_print_view_and_export(owner: Page, assistant, saved):
    owner.goto(f"{assistant.url}/profiles/{saved['profiles'][1]}")
    owner.get_by_role("link", name="Compare with version 1").click()
    expect(owner.get_by_role("heading", name="New red flags")).to_be_visible()
    expect(owner.locator("#new").locator("xpath=..")).to_contain_text("infant.injury_or_bruise")

    owner.go_back()
    owner.get_by_role("link", name="Print view for supervision").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(
        "Infant Care Profile for supervision")
    owner.emulate_media(media="print")
    expect(owner.get_by_role("button", name="Print")).to_be_hidden()
    screenshot(owner, "profile-print")
    owner.emulate_media(media="screen")

    owner.goto(f"{assistant.url}/profiles/{saved['profiles'][1]}")
    with owner.expect_download() as download:
        owner.get_by_role("link", name="Export as JSON").click()
    assert download.value.suggested_filename == "profile-KBS-0007-v2.json"
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["result"]["red_flags"] == ["non_mobile_injury"]


def test_another_practitioner_gets_403_and_the_attempt_is_audited(page: Page, assistant, saved,
                                                                  database):
    signed_in(page, assistant, "sw.other")
    profile_id = saved["profiles"][1]
    response = page.goto(f"{assistant.url}/profiles/{profile_id}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot open this record")
    expect(page.locator("main")).not_to_contain_text("KBS-0007")
    with database.connect() as connection:
        attempts = connection.execute(select(audit_log).where(
            audit_log.c.actor == "sw.other", audit_log.c.action == "denied",
            audit_log.c.object_type == "profile",
            audit_log.c.object_id == str(profile_id))).all()
    assert len(attempts) == 1
    page.goto(f"{assistant.url}/cases")
    expect(page.locator("main")).not_to_contain_text("KBS-0007")
