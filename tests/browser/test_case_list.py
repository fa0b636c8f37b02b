"""The case list in Chromium: search by reference, filter by level, red flag and review due,
sort, and page, on seeded cases (tests/web_seed.py: seed_case_list).

Only the web app is needed, so it runs here on its own (a thread serving create_app on a
temporary database), without Rasa or a trained model.
"""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from kbs.ops.ports import free_port
from kbs.store.database import engine_for, upgrade
from kbs.store.users import add_user
from tests.browser.pages import MOBILE, screenshot, sign_in
from tests.browser.test_accessibility import serious_violations
from tests.integration.conftest import PASSWORD
from tests.web_seed import seed_case_list
from web_widget import create_app

pytestmark = pytest.mark.browser

OWNER = "hv.cases"


@pytest.fixture(scope="module")
def web_app(tmp_path_factory) -> str:
    """The web app alone on a free port, with 26 seeded cases; returns its address."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cases') / 'kbs.db'}"
    upgrade(url)
    database = engine_for(url)
    account = add_user(database, OWNER, PASSWORD).account_id  # which owns the records
    seed_case_list(database, account, datetime.now())
    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": url,
                      "RASA_URL": f"http://127.0.0.1:{free_port()}", "RASA_TOKEN": "token"})
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture
def cases(page: Page, web_app) -> Page:
    sign_in(page, web_app, OWNER)
    page.goto(f"{web_app}/cases")
    return page


def rows(page: Page):
    return page.locator("table.records tbody tr")


def references(page: Page) -> list[str]:
    return rows(page).locator("th").all_inner_texts()


def show(page: Page) -> None:
    page.get_by_role("button", name="Show cases").click()
    page.wait_for_load_state()


def test_search_by_reference(cases: Page):
    expect(cases.get_by_role("status")).to_have_text("26 cases; page 1 of 2.")
    cases.get_by_label("Case reference").fill("kbs-01")
    show(cases)
    assert sorted(references(cases)) == ["KBS-0142", "KBS-0143"]
    expect(cases.get_by_role("status")).to_have_text("2 of 26 cases match.")
    expect(cases.get_by_label("Case reference")).to_have_value("kbs-01")  # kept in the form
    cases.get_by_label("Case reference").fill("nothing like it")
    show(cases)
    expect(rows(cases)).to_have_count(0)
    expect(cases.locator("main")).to_contain_text("No case matches.")


def test_filter_by_level_red_flag_and_review_due(cases: Page):
    cases.get_by_label("Level").select_option(label="Level 4: specialist")
    show(cases)
    assert sorted(references(cases)) == ["KBS-0142", "KBS-0200"]

    cases.get_by_label("Red flags").select_option(label="Injury to a baby who is not mobile")
    show(cases)
    assert references(cases) == ["KBS-0142"]
    row = rows(cases).first
    expect(row).to_contain_text("Injury to a baby who is not mobile")  # red flags on the row
    expect(row.locator(".overdue")).to_contain_text("Due:")  # and the next review, due

    cases.get_by_label("Level").select_option(label="Any level")
    cases.get_by_label("Red flags").select_option(label="With or without")
    cases.get_by_label("Review due").check()
    show(cases)
    assert sorted(references(cases)) == ["KBS-0142", "KBS-0200", "KBS-0300", "OLD-0001"]
    expect(rows(cases).locator(".overdue")).to_have_count(4)

    cases.get_by_label("Level").select_option(label="Not scored")
    show(cases)
    assert references(cases) == ["KBS-0300"]
    expect(rows(cases).first).to_contain_text("not scored")

    cases.get_by_role("link", name="Clear").click()
    expect(cases.get_by_role("status")).to_have_text("26 cases; page 1 of 2.")
    expect(cases.get_by_label("Review due")).not_to_be_checked()


def test_sort_and_pages(cases: Page):
    cases.get_by_label("Sort by").select_option(label="Next review, soonest first")
    cases.get_by_label("Review due").check()
    show(cases)
    assert references(cases) == ["KBS-0300", "KBS-0200", "OLD-0001", "KBS-0142"]
    screenshot(cases, "case-list-desktop")

    cases.get_by_label("Review due").uncheck()
    cases.get_by_label("Sort by").select_option(label="Case reference, A to Z")
    show(cases)
    expect(rows(cases)).to_have_count(20)
    assert references(cases)[:2] == ["HV-1001", "HV-1002"]
    cases.get_by_role("link", name="Next page").click()
    assert references(cases) == ["HV-1021", "KBS-0142", "KBS-0143", "KBS-0200", "KBS-0300",
                                 "OLD-0001"]
    expect(cases.get_by_label("Sort by")).to_have_value("reference")  # the sort is kept
    cases.get_by_role("link", name="Previous page").click()
    assert references(cases)[0] == "HV-1001"


def test_the_list_fits_a_phone(cases: Page):
    cases.set_viewport_size(MOBILE)
    cases.get_by_label("Review due").check()
    show(cases)
    expect(rows(cases)).to_have_count(4)
    screenshot(cases, "case-list-mobile")
    assert cases.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


def test_no_serious_accessibility_violations(cases: Page, web_app):
    assert serious_violations(cases) == []
    cases.goto(f"{web_app}/cases?q=ZZZ")  # nothing matches
    assert serious_violations(cases) == []
    cases.goto(f"{web_app}/cases?sort=reference&page=2")
    assert serious_violations(cases) == []
