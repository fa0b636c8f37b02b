"""The chat widget in Chromium with the real three processes behind it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import bot_count, choose, send, signed_in, wait_for_reply

pytestmark = pytest.mark.browser

ATTACK = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


@pytest.fixture
def chat(page: Page, assistant) -> Page:
    return signed_in(page, assistant, "hv.chat")


TYPING_WATCH = """() => new MutationObserver(() => {
    if (!document.querySelector(".kbs-typing").hidden) { window.__typingShown = true; }
}).observe(document.querySelector(".kbs-typing"), {attributes: true})"""


def test_chat_with_buttons_and_typed_text_survives_a_reload(chat: Page):
    chat.evaluate(TYPING_WATCH)
    send(chat, "hello")
    assert chat.evaluate("window.__typingShown") is True  # shown while waiting
    menu = chat.locator(".kbs-replies").nth(chat.locator(".kbs-replies").count() - 1)
    expect(menu.get_by_role("button")).to_have_count(4)
    choose(chat, "Look up guidance")
    expect(chat.locator(".kbs-msg.you").last).to_contain_text("Look up guidance")
    expect(menu.get_by_role("button").first).to_be_disabled()  # answered: out of turn now
    send(chat, "what can you do?")
    expect(chat.locator(".kbs-msg.bot strong", has_text="Assess").last).to_be_visible()
    shown = chat.locator(".kbs-msg").count()

    chat.reload()
    expect(chat.locator(".kbs-msg")).to_have_count(shown)
    expect(chat.locator(".kbs-msg.you").first).to_contain_text("hello")
    expect(chat.locator(".kbs-replies").last.get_by_role("button").first).to_be_enabled()
    send(chat, "menu")
    expect(chat.locator(".kbs-msg")).to_have_count(shown + 2)


def test_html_in_a_message_is_shown_as_text_and_runs_nothing(chat: Page):
    send(chat, ATTACK)
    expect(chat.locator(".kbs-msg.you").last).to_have_text("You said: " + ATTACK)
    chat.reload()
    expect(chat.locator(".kbs-msg.you", has_text="<script>")).to_have_count(1)
    assert chat.evaluate("window.__pwned") is None
    assert chat.locator(".kbs-log script, .kbs-log img").count() == 0


RENDER = """text => {
    const box = document.createElement("div");
    box.appendChild(KBSBotText.render(text));
    return {html: box.innerHTML, text: box.textContent,
            links: [...box.querySelectorAll("a")].map(a => a.href),
            strong: box.querySelector("strong").textContent,
            items: box.querySelectorAll("ul li").length,
            ordered: box.querySelectorAll("ol li").length,
            breaks: box.querySelectorAll("br").length};
}"""


def test_bot_text_markdown_allows_no_html_and_no_script_links(chat: Page):
    rendered = chat.evaluate(RENDER, f"Hi {ATTACK} **bold**\n[bad](javascript:window.__pwned=3)"
                                     " [ok](https://example.org/x)\n\n- one\n- two\n\n1. first")
    assert "<script" not in rendered["html"] and "<img" not in rendered["html"]
    assert ATTACK in rendered["text"] and "[bad](javascript:" in rendered["text"]
    assert rendered["links"] == ["https://example.org/x"]
    assert rendered["strong"] == "bold" and rendered["items"] == 2 and rendered["ordered"] == 1
    assert rendered["breaks"] == 1


def test_keyboard_only_use(chat: Page):
    for _ in range(30):  # Tab through the page until the message box has focus
        if chat.evaluate("document.activeElement.id") == "message":
            break
        chat.keyboard.press("Tab")
    assert chat.evaluate("document.activeElement.id") == "message"
    chat.keyboard.type("hello")
    before = bot_count(chat)
    chat.keyboard.press("Enter")
    wait_for_reply(chat, before)
    assert chat.evaluate("document.activeElement.id") == "message"
    chat.keyboard.press("Shift+Tab")  # back into the newest quick replies
    focused = chat.evaluate("document.activeElement.textContent")
    assert chat.evaluate("document.activeElement.closest('.kbs-replies') !== null")
    before = bot_count(chat)
    chat.keyboard.press("Enter")
    wait_for_reply(chat, before)
    expect(chat.locator(".kbs-msg.you").last).to_contain_text(focused)
    assert chat.evaluate("document.activeElement.id") == "message"


def test_a_too_long_message_is_explained_and_kept(chat: Page):
    box = chat.get_by_label("Your message")
    box.fill("x" * 10_000)
    box.press("Enter")
    expect(chat.get_by_role("alert")).to_contain_text("10,000 characters")
    assert len(box.input_value()) == 10_000
    expect(chat.locator(".kbs-msg.you", has_text="xxxx")).to_have_count(0)


@pytest.mark.parametrize(("status", "error"), [
    (503, "The assistant is not answering just now. Your message was not sent."),
    (401, "You are signed out. Sign in again, then send your message.")])
def test_when_a_message_cannot_be_sent_it_stays_in_the_box(chat: Page, status, error):
    chat.route("**/api/chat", lambda route: route.fulfill(status=status, json={"error": error}))
    box = chat.get_by_label("Your message")
    box.fill("the father was not seen again")
    box.press("Enter")
    expect(chat.get_by_role("alert")).to_contain_text(error)
    assert box.input_value() == "the father was not seen again"
    expect(chat.locator(".kbs-msg.you")).to_have_count(0)
    if status == 401:
        expect(chat.get_by_role("alert").get_by_role("link", name="Sign in")).to_be_visible()
    chat.unroute("**/api/chat")
    send(chat, "hello")  # nothing was lost: the next try goes through
    expect(chat.locator(".kbs-msg.you")).to_have_count(1)


def test_start_again_clears_the_conversation_for_good(chat: Page):
    send(chat, "hello")
    chat.once("dialog", lambda dialog: dialog.accept())
    chat.get_by_role("button", name="Start again").click()
    expect(chat.locator(".kbs-msg")).to_have_count(0)
    chat.reload()
    expect(chat.locator(".kbs-intro")).to_be_visible()
    expect(chat.locator(".kbs-msg")).to_have_count(0)


def test_the_widget_embeds_in_another_page_with_one_script_tag(chat: Page, host_page):
    chat.goto(host_page)
    launcher = chat.get_by_role("button", name="Keeping Babies Safe assistant")
    launcher.click()
    expect(chat.get_by_role("button", name="Close the assistant")).to_have_attribute(
        "aria-expanded", "true")
    frame = chat.frame_locator("iframe[title='Keeping Babies Safe assistant']")
    frame.get_by_label("Your message").fill("hello")
    frame.get_by_label("Your message").press("Enter")
    expect(frame.locator(".kbs-replies").last.get_by_role("button")).to_have_count(4)
