"""action_answer_question on trackers: which card answers, and what buttons."""

import json

import pytest

from kbs.catalogues import CatalogueError
from kbs.knowledge.answer import default_knowledge_base
from kbs.knowledge.conversation import assess_button
from kbs.knowledge.live_case import recognise_live_case
from kbs.knowledge.render import format_live_case

from .harness import run as run_action
from .harness import tracker

ASSESS_BUTTON = {"title": assess_button().title, "payload": assess_button().payload}


def message(text, intent="faq", selected=None, confidence=0.0, entities=()):
    parsed = {"text": text, "intent": {"name": intent, "confidence": 0.99},
              "entities": list(entities)}
    if selected:
        parsed["response_selector"] = {"faq": {"response": {
            "intent_response_key": f"faq/{selected}", "confidence": confidence}}}
    return parsed


def run(latest_message, action="action_answer_question"):
    result = run_action(action, tracker({}, latest_message, events=[], sender="practitioner"))
    return result.messages, result.events


def test_a_question_is_answered_with_the_searchs_card_and_its_sources():
    messages, events = run(message("can a baby sleep on the sofa if I stay awake?"))
    card = default_knowledge_base().card("sleep_sofa_armchair")
    assert len(messages) == 1 and messages[0]["text"].startswith(card.title)
    assert all(source.title in messages[0]["text"] for source in card.sources)
    assert events == []  # no slot: the action always replies itself


def test_a_response_selectors_card_in_the_message_is_not_the_answer():
    """Only the knowledge search chooses the card, even if a pipeline adds a selector."""
    messages, _ = run(message("when is domestic abuse high risk?",
                              selected="marac_referral", confidence=0.99))
    card = default_knowledge_base().card("dash_risk_checklist")
    assert messages[0]["text"].startswith(card.title)
    assert all(source.title in messages[0]["text"] for source in card.sources)


def test_a_card_offered_by_a_button_is_the_answer():
    messages, events = run(message('/faq{"card": "marac_referral"}',
                                   entities=[{"entity": "card", "value": "marac_referral"}]))
    assert messages[0]["text"].startswith(default_knowledge_base().card("marac_referral").title)
    assert events == []


def test_dont_know_offers_the_nearest_cards_as_buttons_that_answer_with_them():
    messages, _ = run(message("How do I claim child benefit?"))
    reply = messages[0]
    assert reply["text"].startswith("I don't know")
    assert 2 <= len(reply["buttons"]) <= 3
    kb = default_knowledge_base()
    for button in reply["buttons"]:
        card_id = json.loads(button["payload"].removeprefix("/faq"))["card"]
        assert button["title"] == kb.card(card_id).title


@pytest.mark.parametrize("intent", ["live_concern", "faq"])
def test_a_worry_about_a_baby_now_leads_with_the_routes_and_offers_the_assessment(intent):
    messages, _ = run(message("I'm worried about a baby now", intent=intent))
    assert "call 999" in messages[0]["text"]
    assert messages[0]["buttons"][0] == ASSESS_BUTTON


def test_a_live_concern_gets_the_routes_even_in_words_the_patterns_miss():
    messages, _ = run(message("something feels badly wrong with the baby here",
                              intent="live_concern"))
    assert "call 999" in messages[0]["text"]


def test_a_live_case_says_the_routes_before_the_cards():
    question = "there's a bruise on the baby I'm visiting"
    messages, events = run(message(question, selected="bruising_non_mobile", confidence=0.99))
    assert len(messages) == 1
    text = messages[0]["text"]
    assert text.startswith(format_live_case(recognise_live_case(question)))
    assert "urgent paediatric assessment" in text
    assert messages[0]["buttons"][0] == ASSESS_BUTTON
    assert any(json.loads(b["payload"].removeprefix("/faq"))["card"] == "bruising_non_mobile"
               for b in messages[0]["buttons"][1:])
    assert events == []


def test_a_look_up_question_read_as_a_move_outside_a_rehearsal_is_answered():
    messages, _ = run(message("when is domestic abuse high risk?", "move_ask_specifics"),
                      "action_out_of_context")
    assert messages[0]["text"].startswith(
        default_knowledge_base().card("dash_risk_checklist").title)
    assert len(messages) == 1


@pytest.mark.parametrize("text, intent, response", [
    ("Tell me about the baby's father", "move_ask_other_adults", "utter_move_outside_rehearsal"),
    ("finish the rehearsal", "finish", "utter_no_rehearsal_to_finish")])
def test_a_move_or_finish_outside_a_rehearsal_says_how_to_rehearse(text, intent, response):
    messages, _ = run(message(text, intent), "action_out_of_context")
    assert [m["response"] for m in messages] == [response, "utter_menu"]


@pytest.mark.parametrize("intent", ["finish", "nlu_fallback", "answer"])
def test_a_question_nlu_is_unsure_of_gets_dont_know_and_cards(intent):
    messages, _ = run(message("How do I claim child benefit?", intent), "action_out_of_context")
    assert messages[0]["text"].startswith("I don't know")
    assert 2 <= len(messages[0]["buttons"]) <= 3


def test_an_answer_with_no_assessment_open_says_how_to_open_one():
    messages, _ = run(message("skip", "answer"), "action_out_of_context")
    assert [m["response"] for m in messages] == ["utter_assessment_not_open"]


def test_what_nlu_is_unsure_of_and_is_not_a_question_gets_the_default_reply():
    messages, _ = run(message("blue tuesday", "nlu_fallback"), "action_out_of_context")
    assert [m["response"] for m in messages] == ["utter_default"]


def test_a_confident_card_answers_what_nlu_was_unsure_of():
    messages, _ = run(message("when is domestic abuse high risk", "nlu_fallback"),
                      "action_out_of_context")
    assert messages[0]["text"].startswith(
        default_knowledge_base().card("dash_risk_checklist").title)


def test_a_catalogue_fault_gets_the_fault_reply_and_the_question_can_be_asked_again(
        monkeypatch):
    def broken():
        raise CatalogueError("kbs/catalogues/knowledge/marac_referral.yml",
                             "must be non-empty text", field="answer", line=5)

    question = message("when is domestic abuse high risk?")
    monkeypatch.setattr("kbs.knowledge.conversation.default_knowledge_base", broken)
    for action in ("action_answer_question", "action_out_of_context"):
        messages, events = run(question, action)
        assert ([m["response"] for m in messages], events) == (["utter_catalogue_fault"], [])
    monkeypatch.undo()
    messages, events = run(question)
    assert messages[0]["text"].startswith(
        default_knowledge_base().card("dash_risk_checklist").title)
    assert events == []
