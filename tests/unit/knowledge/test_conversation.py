"""Look up's choice of reply in plain Python (kbs.knowledge.conversation)."""

import pytest

from kbs.knowledge.answer import default_knowledge_base
from kbs.knowledge.conversation import answer, assess_button, offered_card, out_of_context


def message(text, intent="faq", selected=None, confidence=0.0, entities=()):
    parsed = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    if selected:
        parsed["response_selector"] = {"faq": {"response": {
            "intent_response_key": f"faq/{selected}", "confidence": confidence}}}
    return parsed


def test_a_card_offered_by_a_button_is_the_answer_whatever_else_the_message_holds():
    offered = message('/faq{"card": "marac_referral"}', selected="early_help", confidence=1.0,
                      entities=[{"entity": "card", "value": "marac_referral"}])
    assert offered_card(offered) == "marac_referral"
    [reply] = answer(offered).messages
    assert reply.text.startswith(default_knowledge_base().card("marac_referral").title)


@pytest.mark.parametrize("selected", [None, "early_help"])
def test_the_search_chooses_the_card_and_the_action_replies_itself(selected):
    turn = answer(message("can a baby sleep on the sofa?", selected=selected, confidence=0.95))
    [reply] = turn.messages
    assert reply.text.startswith(default_knowledge_base().card("sleep_sofa_armchair").title)
    assert dict(turn.slots) == {}


def test_a_worry_about_a_baby_now_offers_the_assessment_first():
    [reply] = answer(message("I'm worried about a baby now", "live_concern")).messages
    assert reply.buttons[0] == assess_button()
    assert (assess_button().title, assess_button().payload) == (
        "Assess a baby's care (Infant Care Profile)", "/start_assess")


def test_what_fits_nothing_gets_the_domains_responses_for_where_it_was_said():
    turn = out_of_context(message("finish the rehearsal", "finish"))
    assert [m.response for m in turn.messages] == ["utter_no_rehearsal_to_finish", "utter_menu"]
    assert dict(turn.slots) == {}
