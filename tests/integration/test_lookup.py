"""Look up through Flask with the real action server and Rasa: sourced answers, the
"I don't know" reply with cards to choose, and a worry about a baby now."""

import json

import pytest

from kbs.knowledge.cards import load_cards

pytestmark = pytest.mark.integration

CARDS = {card.id: card for card in load_cards()}


def text(messages):
    return "\n".join(m["text"] for m in messages)


def buttons(messages):
    return [b for m in messages for b in m["buttons"]]


def assert_answers_with(messages, card_id):
    card = CARDS[card_id]
    assert card.title in text(messages)
    assert all(source.cite() in text(messages) for source in card.sources)


def test_a_question_in_look_up_mode_is_answered_with_the_cards_sources(assistant):
    chat = assistant.session()
    chat.say("hello")  # the menu: a /... message is sent only as a button shown
    assert "Ask me a question" in text(chat.say("/start_lookup"))
    assert_answers_with(chat.say("can a baby sleep on the sofa if I stay awake?"),
                        "sleep_sofa_armchair")


def test_a_question_without_choosing_look_up_is_answered_too(assistant):
    assert_answers_with(assistant.session().say("when is domestic abuse high risk?"),
                        "dash_risk_checklist")


def test_dont_know_offers_cards_and_a_chosen_card_is_answered(assistant):
    chat = assistant.session()
    # A question no card answers, far from any NLU boundary (a question about practice, read
    # as a look-up question with no doubt): "How do I claim child benefit?" sat between
    # out_of_scope and an answer about money, so it passed on one machine and not another.
    # NLU quality is judged by `kbs eval nlu` and `kbs eval pipelines`, not by one sentence here.
    reply = chat.say("How should I record a home visit for a baby in my notes?")
    assert text(reply).startswith("I don't know")
    offered = buttons(reply)
    assert 2 <= len(offered) <= 3
    chosen = json.loads(offered[0]["payload"].removeprefix("/faq"))["card"]
    assert_answers_with(chat.say(offered[0]["payload"]), chosen)


def test_a_worry_about_a_baby_now_gets_the_routes_and_the_assessment(assistant):
    reply = assistant.session().say("I'm worried about a baby I visited this morning")
    assert "call 999" in text(reply)
    assert "/start_assess" in [b["payload"] for b in buttons(reply)]
