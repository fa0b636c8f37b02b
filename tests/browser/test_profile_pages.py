"""The profiles a practitioner saved in the chat (the `assessed` fixture, journey.py), in
Chromium: the case list, the summary with its pictures, the comparison of the two versions,
the print view and the JSON export; a second practitioner refused (403) and audited.
"""

import json

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from kbs.store.schema import audit_log, profiles, users
from tests.browser.pages import DESKTOP, MOBILE, screenshot, signed_in

pytestmark = pytest.mark.browser


@pytest.fixture
def owner(page: Page, assistant, assessed) -> Page:
    return signed_in(page, assistant, assessed.owner)


def test_an_assessment_in_the_chat_with_buttons_typed_answers_and_a_reload(assessed, database):
    """The journey itself is checked as it goes (journey.py); here, what it saved."""
    with database.connect() as connection:
        results = dict(connection.execute(select(profiles.c.version, profiles.c.result).where(
            profiles.c.case_id == assessed.case)).all())
    assert results[1]["red_flags"] == [] and results[1]["complete"] is False
    assert results[2]["red_flags"] == ["non_mobile_injury"]


def test_summary_with_its_pictures_from_the_case_list(owner: Page, assessed):
    owner.get_by_role("link", name="Cases").click()
    owner.get_by_role("link", name=assessed.reference).click()
    expect(owner.get_by_role("img", name="The level over successive profiles")).to_be_visible()
    owner.get_by_role("link", name="Version 2", exact=True).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(
        f"Case {assessed.reference}: profile version 2")
    red_flags = owner.locator(".red-flags")
    expect(red_flags).to_contain_text("Injury to a baby who is not mobile")
    routes = owner.get_by_role("heading", name="Routes")
    assert red_flags.bounding_box()["y"] < routes.bounding_box()["y"]
    expect(owner.get_by_role("img", name="The profile by domain")).to_be_visible()
    # Present: the bruise (the baby) and the father not yet seen ("dad wasn't there again").
    expect(owner.locator("rect.segment.present")).to_have_count(2)
    screenshot(owner, "profile-desktop")
    owner.set_viewport_size(MOBILE)
    screenshot(owner, "profile-mobile")
    assert owner.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    owner.set_viewport_size(DESKTOP)


def test_comparison_print_view_and_export(owner: Page, assistant, assessed):
    owner.goto(f"{assistant.url}/profiles/{assessed.profiles[2]}")
    owner.get_by_role("link", name="Compare with version 1").click()
    expect(owner.get_by_role("heading", name="New red flags")).to_be_visible()
    expect(owner.locator("#new").locator("xpath=..")).to_contain_text("infant.injury_or_bruise")

    owner.go_back()
    owner.get_by_role("link", name="Print view for supervision").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(
        "Infant Care Profile for supervision")
    expect(owner.locator("main")).to_contain_text(assessed.reference)
    owner.emulate_media(media="print")
    expect(owner.get_by_role("button", name="Print")).to_be_hidden()
    screenshot(owner, "profile-print")
    owner.emulate_media(media="screen")

    owner.goto(f"{assistant.url}/profiles/{assessed.profiles[2]}")
    with owner.expect_download() as download:
        owner.get_by_role("link", name="Export as JSON").click()
    assert download.value.suggested_filename == f"profile-{assessed.reference}-v2.json"
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["case_reference"] == assessed.reference and exported["version"] == 2
    answers = exported["answers"]  # what was said in the chat, typed or clicked
    assert answers["infant"]["age_weeks"] == 12  # typed "she's 12 weeks"
    assert answers["infant"]["mobile"] is False  # clicked "No: not yet, or only rolling or sitting"
    assert list(answers["carers"]) == ["father"]  # typed "only dad"
    assert answers["carers"]["father"]["unknown_to_practitioners"]["status"] == "present"
    assert answers["factors"]["infant.injury_or_bruise"]["status"] == "present"  # clicked
    assert exported["result"]["red_flags"] == ["non_mobile_injury"]


def test_another_practitioner_gets_403_and_the_attempt_is_audited(browser, owner: Page, assistant,
                                                                  assessed, database):
    profile_id = assessed.profiles[2]
    assert owner.goto(f"{assistant.url}/profiles/{profile_id}").status == 200
    other = browser.new_context(viewport=DESKTOP)  # a second practitioner, elsewhere
    try:
        page = signed_in(other.new_page(), assistant, "sw.other")
        response = page.goto(f"{assistant.url}/profiles/{profile_id}")
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot open this record")
        expect(page.locator("main")).not_to_contain_text(assessed.reference)
        page.goto(f"{assistant.url}/cases")
        expect(page.locator("main")).not_to_contain_text(assessed.reference)
    finally:
        other.close()
    with database.connect() as connection:
        # The actor is the account's id, never a username that could be made again (issue 19)
        other_id = connection.execute(select(users.c.account_id).where(
            users.c.username == "sw.other")).scalar_one()
        attempts = connection.execute(select(audit_log).where(
            audit_log.c.actor == other_id, audit_log.c.action == "denied",
            audit_log.c.object_type == "profile",
            audit_log.c.object_id == str(profile_id))).all()
    assert len(attempts) == 1
