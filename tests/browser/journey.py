"""A practitioner assesses a baby in the chat, so that the record pages show a real profile.

Version 1 of the case is an all-"don't know" assessment over the chat's HTTP API (the same
Flask, Rasa and action server as the widget). Version 2, a re-assessment, is held in
Chromium: the menu button starts Assess, the case reference is typed, answers are a mix of
quick replies clicked and words typed, and the page is reloaded in the middle. Everything
on the record pages then comes from what the chat saved; nothing is written to the database
by the test.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.engine import Engine

from kbs.store.schema import cases, profiles, users
from tests.browser.pages import (
    DESKTOP,
    MOBILE,
    REPLY_TIMEOUT,
    choose,
    screenshot,
    send,
    sign_in,
)

OWNER = "hv.assessor"
REFERENCE = "KBS-0142"
MOST_ANSWERS = 80  # an assessment with one carer takes about 45
FINISHED = "That is every question"
DONT_KNOW = "Don't know"


@dataclass(frozen=True)
class Click:
    title: str


@dataclass(frozen=True)
class Type:
    text: str


# A piece of the question -> how it is answered; any other question: the "Don't know" button.
ANSWERS = {
    "Is the baby in danger now": Click("No"),
    "How old is the baby": Type("she's 12 weeks"),
    "Is the baby independently mobile": Click("No: not yet, or only rolling or sitting"),
    "At how many weeks of pregnancy": Type("no idea"),
    "What did the baby weigh at birth": Type("skip"),
    "bruise, mark, fracture": Click("Yes: a bruise, mark or injury seen or reported"),
    "Who lives in the household": Type("only dad"),
    "The father: Has this adult not yet been seen": Type("dad wasn't there again"),
    "Are the carers isolated": Type("I don't know"),
}
RELOAD_AT = "Who lives in the household"  # the page is reloaded before this is answered
# A long conversation scrolls inside the message list: the page ends where its content does.
PAGE_HEIGHT = "document.documentElement.scrollHeight"
CONTENT_HEIGHT = ("Math.max(window.innerHeight, "
                  "Math.ceil(document.body.getBoundingClientRect().height))")


@dataclass(frozen=True)
class Assessed:
    owner: str
    reference: str
    case: int
    profiles: dict[int, int]  # version -> profile id
    storage_state: dict  # the chat's signed-in session: its conversation shows on reload


def assess_in_the_chat(browser: Browser, assistant, database: Engine) -> Assessed:
    _first_version_over_http(assistant)
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        sign_in(page, assistant.url, OWNER)
        _second_version_in_the_widget(page)
        _assert_no_blank_tail(page)
        screenshot(page, "chat-desktop")
        shown = page.locator(".kbs-msg").count()
        page.set_viewport_size(MOBILE)
        page.reload()  # as on a phone: the conversation comes back, scrolled to its end
        expect(page.locator(".kbs-msg")).to_have_count(shown, timeout=REPLY_TIMEOUT)
        screenshot(page, "chat-mobile")
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
        _assert_no_blank_tail(page)
        state = context.storage_state()
    finally:
        context.close()
    case, versions = _saved(database)
    return Assessed(OWNER, REFERENCE, case, versions, state)


def _first_version_over_http(assistant) -> None:
    chat = assistant.session(OWNER)
    chat.say("assess")
    reply = chat.say(REFERENCE)
    for _ in range(MOST_ANSWERS):
        if any(FINISHED in m["text"] for m in reply):
            return
        reply = chat.say("I don't know")
    raise AssertionError(f"version 1 still asking after {MOST_ANSWERS} answers")


def _second_version_in_the_widget(page: Page) -> None:
    send(page, "hello")
    choose(page, "Assess a baby's care (Infant Care Profile)")
    expect(_last_bot(page)).to_contain_text("What case reference")
    send(page, REFERENCE)
    expect(_last_bot(page)).to_contain_text("Start version 2?")
    choose(page, "Yes, start version 2")
    expect(page.locator(".kbs-msg.bot", has_text=f"Starting version 2 of the profile for "
                                                 f"{REFERENCE}")).to_have_count(1)
    reloaded = False
    for _ in range(MOST_ANSWERS):
        if page.locator(".kbs-msg.bot", has_text=FINISHED).count():
            break
        question = _last_bot(page).inner_text()
        fragment = next((f for f in ANSWERS if f in question), None)
        if fragment == RELOAD_AT and not reloaded:
            _reload_and_check_the_conversation_is_kept(page)
            reloaded = True
        how = ANSWERS.get(fragment, Click(DONT_KNOW))
        if isinstance(how, Click):
            choose(page, how.title)
            expect(page.locator(".kbs-msg.you").last).to_contain_text(how.title)
        else:
            send(page, how.text)
        if fragment == "bruise, mark, fracture":  # a red flag is stated at once, with its route
            said = " ".join(_last_reply(page).all_inner_texts())
            assert "RED FLAG" in said and "Urgent paediatric assessment" in said, said
        if fragment == RELOAD_AT:  # the same assessment carries on with the carer just named
            expect(_last_bot(page)).to_contain_text("The father:")
    else:
        raise AssertionError(f"version 2 still asking after {MOST_ANSWERS} answers")
    assert reloaded, f"never asked: {RELOAD_AT}"
    summary = page.locator(".kbs-log")
    expect(summary).to_contain_text(f"The profile for {REFERENCE} (version 2) is saved")
    expect(summary).to_contain_text("Red flags: Injury to a baby who is not mobile")
    expect(summary).to_contain_text("What changed since version 1")


def _reload_and_check_the_conversation_is_kept(page: Page) -> None:
    shown = page.locator(".kbs-msg").count()
    question = _last_bot(page).text_content()
    page.reload()
    expect(page.locator(".kbs-msg")).to_have_count(shown, timeout=REPLY_TIMEOUT)
    expect(_last_bot(page)).to_have_text(question)
    expect(page.locator(".kbs-msg.you").first).to_contain_text("hello")
    expect(page.locator(".kbs-msg.bot", has_text="RED FLAG")).not_to_have_count(0)
    expect(page.locator(".kbs-replies").last.get_by_role("button").first).to_be_enabled()


def _assert_no_blank_tail(page: Page) -> None:
    heights = page.evaluate(PAGE_HEIGHT), page.evaluate(CONTENT_HEIGHT)
    assert heights[0] == heights[1], f"the page is {heights[0]}px, its content {heights[1]}px"


def _last_bot(page: Page):
    return page.locator(".kbs-msg.bot").last


def _last_reply(page: Page):
    """The assistant's messages since the practitioner's last one."""
    return page.locator(".kbs-msg.you").last.locator("xpath=following-sibling::div")


def _saved(database: Engine) -> tuple[int, dict[int, int]]:
    with database.connect() as connection:
        rows = connection.execute(
            select(cases.c.id.label("case"), profiles.c.id.label("profile"),
                   profiles.c.version, profiles.c.status)
            .join(profiles, profiles.c.case_id == cases.c.id)
            .join(users, users.c.account_id == cases.c.owner)  # records are the account's
            .where(cases.c.reference == REFERENCE, users.c.username == OWNER)
            .order_by(profiles.c.version)).all()
    assert [(row.version, row.status) for row in rows] == [(1, "complete"), (2, "complete")]
    return rows[0].case, {row.version: row.profile for row in rows}
