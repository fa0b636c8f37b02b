"""A plan and a card in the chat as page elements (issue 21): headings as headings, sources
as links labelled with their titles that open the source in a new tab, and nothing in a
message's text ever made into HTML."""

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from kbs.knowledge.cards import Card, Source
from kbs.knowledge.render import format_card
from tests.browser.pages import DESKTOP, choose, send, signed_in
from tests.integration.test_discuss import ANSWERS, DESCRIPTION

pytestmark = pytest.mark.browser

REFERENCE = "KBS-0721"
ATTACK = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
SOURCE_PAGE = "<!doctype html><title>The source</title><p>A stand-in for the source's site."


def heading_texts(locator) -> list[str]:
    return [" ".join(t.split()) for t in locator.all_inner_texts()]


def test_a_saved_safer_sleep_plan_shows_headings_and_sources_that_open(
        browser: Browser, assistant, database):
    context = browser.new_context(viewport=DESKTOP)
    # No internet here: every https address answers with a stand-in page, so that opening a
    # source can be seen to go to its address.
    context.route(re.compile(r"^https://"), lambda route: route.fulfill(
        status=200, content_type="text/html", body=SOURCE_PAGE))
    try:
        page = signed_in(context.new_page(), assistant, "hv.plan")
        send(page, "hello")
        choose(page, "Discuss safer sleep or safe handling")
        choose(page, "Safer sleep (co-sleeping and bed-sharing)")
        send(page, REFERENCE)
        send(page, DESCRIPTION)
        for answer in [*ANSWERS, "no", "skip"]:
            send(page, answer)
        saved = page.locator(".kbs-msg.bot", has_text=f"with case {REFERENCE}")
        expect(saved).to_have_count(1)

        with database.connect() as connection:
            [(plan_id, content)] = connection.execute(text(
                "SELECT plans.id, plans.content FROM plans "
                "JOIN cases ON cases.id = plans.case_id WHERE cases.reference = :reference"),
                {"reference": REFERENCE}).all()
        sources = (json.loads(content) if isinstance(content, str) else content)["sources"]
        assert sources

        plan = page.locator(".kbs-msg.bot", has=page.locator("h3")).last
        expect(plan.get_by_role("heading", level=3)).to_have_text("Safer sleep plan")
        expect(plan.get_by_role("heading", level=4, name="Sources")).to_be_visible()
        assert not re.search(r"^#", plan.inner_text(), re.MULTILINE), plan.inner_text()
        links = plan.locator("h4:text-is('Sources') + ol > li > a")
        expect(links).to_have_count(len(sources))
        for link, source in zip(links.all(), sources, strict=True):
            expect(link).to_have_text(source["title"])
            expect(link).to_have_attribute("href", source["url"])
            expect(link).to_have_attribute("target", "_blank")
            expect(link).to_have_attribute("rel", "noopener noreferrer")

        with context.expect_page() as opened:
            links.first.click()
        source_page = opened.value
        source_page.wait_for_load_state()
        assert source_page.url == sources[0]["url"]
        assert source_page.evaluate("window.opener") is None
        expect(saved).to_have_count(1)  # the conversation stayed where it was

        # The plan in the chat reads like its page: the same title, sections and sources.
        chat_sections = heading_texts(plan.locator("h4"))
        chat_links = [a.get_attribute("href") for a in links.all()]
        page.reload()
        expect(page.locator(".kbs-msg.bot h3", has_text="Safer sleep plan")).to_have_count(1)
        page.goto(f"{assistant.url}/plans/{plan_id}")
        article = page.locator("article.plan")
        expect(article.locator("h1")).to_have_text("Safer sleep plan")
        assert heading_texts(article.locator("h2")) == chat_sections
        assert [a.get_attribute("href") for a in
                article.locator("h2:text-is('Sources') + ol > li > a").all()] == chat_links
    finally:
        context.close()


def test_script_in_a_cards_text_is_shown_as_text(page: Page, assistant):
    card = Card(id="attack", title=f"What is {ATTACK}?", answer=f"An answer with {ATTACK}.",
                next_steps=(f"Step with {ATTACK}",),
                sources=(Source(title=f"A source {ATTACK}", url="https://example.org/guide"),
                         Source(title="Bad", url="javascript:window.__pwned=3"),
                         Source(title="Review LDS19/OD20", reference="section 4.1")),
                tags=(), questions=())
    said = format_card(card)
    # As the REST channel answers: a message for each part between blank lines.
    messages = [{"from": "bot", "text": part, "buttons": []} for part in said.split("\n\n")]
    signed_in(page, assistant, "hv.card")
    page.route("**/api/chat", lambda route: route.fulfill(status=200,
                                                          json={"messages": messages}))
    send(page, "what is this card?")
    bot = page.locator(".kbs-msg.bot")
    expect(bot).to_have_count(len(messages))
    expect(bot.first).to_have_text(f"The assistant said: What is {ATTACK}?")
    expect(bot.nth(1)).to_contain_text(f"An answer with {ATTACK}.")
    expect(bot.get_by_role("listitem").filter(has_text="Step with")).to_have_text(
        f"Step with {ATTACK}")
    source = bot.get_by_role("link", name=f"A source {ATTACK}")
    expect(source).to_have_attribute("href", "https://example.org/guide")
    expect(bot.last).to_contain_text("[Bad](javascript:window.__pwned=3)")  # not a link
    expect(bot.last.get_by_role("link")).to_have_count(1)
    assert page.locator(".kbs-log script, .kbs-log img").count() == 0
    assert page.evaluate("window.__pwned") is None


RENDER = """text => {
    const box = document.createElement("div");
    box.appendChild(KBSBotText.render(text));
    return {tags: [...box.children].map(e => e.tagName.toLowerCase()),
            headings: [...box.querySelectorAll("h3, h4, h5, h6")].map(
                h => h.tagName.toLowerCase() + ":" + h.textContent),
            links: [...box.querySelectorAll("a")].map(a => a.getAttribute("href")),
            start: box.querySelector("ol").start, text: box.textContent};
}"""


def test_headings_lists_and_links_only_to_web_addresses(chat_page: Page):
    rendered = chat_page.evaluate(RENDER, "\n".join([
        "# Plan **title**", "Written today.", "## Section", "- one", "- two", "### Notes",
        "3. third", "4. fourth", "#not a heading",
        "[web](https://example.org/a) [page](/plans/3) [mail](mailto:a@example.org) "
        "[phone](tel:999) [data](data:text/html,hi) [other site](//example.org/x) "
        "[plain](http://example.org/b)"]))
    assert rendered["tags"] == ["h3", "p", "h4", "ul", "h5", "ol", "p"]
    assert rendered["headings"] == ["h3:Plan title", "h4:Section", "h5:Notes"]
    assert rendered["start"] == 3
    assert rendered["links"] == ["https://example.org/a", "/plans/3", "http://example.org/b"]
    assert "#not a heading" in rendered["text"] and "[mail](mailto:" in rendered["text"]


@pytest.fixture
def chat_page(page: Page, assistant) -> Page:
    return signed_in(page, assistant, "hv.render")
