"""Look up's choice of reply in plain Python (kbs.knowledge.conversation)."""

import pytest

from kbs.knowledge.conversation import (
    SELECTOR_CONFIDENCE,
    answer,
    assess_button,
    offered_card,
    out_of_context,
    selected_card,
)


def message(text, intent="faq", selected=None, confidence=0.0, entities=()):
    parsed = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    if selected:
        parsed["response_selector"] = {"faq": {"response": {
            "intent_response_key": f"faq/{selected}", "confidence": confidence}}}
    return parsed


@pytest.mark.parametrize("confidence, chosen", [
    (SELECTOR_CONFIDENCE, "marac_referral"), (SELECTOR_CONFIDENCE - 0.01, None)])
def test_the_selectors_card_counts_only_from_its_confidence(confidence, chosen):
    assert selected_card(message("q", selected="marac_referral",
                                 confidence=confidence)) == chosen


def test_a_card_offered_by_a_button_is_not_the_selectors():
    offered = message('/faq{"card": "marac_referral"}', selected="early_help", confidence=1.0,
                      entities=[{"entity": "card", "value": "marac_referral"}])
    assert offered_card(offered) == "marac_referral"
    assert selected_card(offered) is None


def test_a_confident_card_is_left_to_utter_faq():
    turn = answer(message("can a baby sleep on the sofa?", selected="sleep_sofa_armchair",
                          confidence=0.95))
    assert (turn.messages, dict(turn.slots)) == ((), {"lookup_answer": "selector"})


def test_a_worry_about_a_baby_now_offers_the_assessment_first():
    [reply] = answer(message("I'm worried about a baby now", "live_concern")).messages
    assert reply.buttons[0] == assess_button()
    assert (assess_button().title, assess_button().payload) == (
        "Assess a baby's care (Infant Care Profile)", "/start_assess")


def test_what_fits_nothing_gets_the_domains_responses_for_where_it_was_said():
    turn = out_of_context(message("finish the rehearsal", "finish"))
    assert [m.response for m in turn.messages] == ["utter_no_rehearsal_to_finish", "utter_menu"]
    assert dict(turn.slots) == {}
