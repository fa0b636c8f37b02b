"""Look up mode's Rasa action: a question answered from the knowledge cards.

When the ResponseSelector is confident of a card, the action leaves the answer to Rasa's
utter_faq, whose response is that card (generated from the card file) and sets
lookup_answer to "selector". Otherwise it replies itself, with the card a button offered
(/faq{"card": "<id>"}) or with the knowledge search, the same code path as `kbs ask`:
the card with its sources, or "I don't know" with the nearest cards as buttons. A worry
about a baby now leads with the urgent routes and offers the assessment.
"""

from __future__ import annotations

import json
from dataclasses import replace

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from kbs.knowledge.answer import Reply, default_knowledge_base
from kbs.knowledge.cards import Card
from kbs.knowledge.faq_data import FAQ_INTENT
from kbs.knowledge.live_case import LiveCase, live_case, recognise_live_case
from kbs.knowledge.render import format_live_case, format_reply

LIVE_CONCERN_INTENT = "live_concern"
FINISH_INTENT = "finish"
FALLBACK_INTENT = "nlu_fallback"
ANSWER_INTENT = "answer"
# A question read as one of these was misread: "finish" is short, and an answer to an
# assessment question is not itself a question.
UNSURE_INTENTS = {FALLBACK_INTENT, FINISH_INTENT, ANSWER_INTENT}
# The replies when the search is not confident and the message is not a question to answer.
MOVE_OUTSIDE_REHEARSAL = ("utter_move_outside_rehearsal", "utter_menu")
OUT_OF_CONTEXT = {FALLBACK_INTENT: ("utter_default",),  # it has the menu's buttons
                  FINISH_INTENT: ("utter_no_rehearsal_to_finish", "utter_menu"),
                  ANSWER_INTENT: ("utter_assessment_not_open",)}  # it has the Assess buttons
CARD_ENTITY = "card"
ANSWER_SLOT = "lookup_answer"
BY_SELECTOR, REPLIED = "selector", "replied"
# The ResponseSelector's card is the answer only from this confidence; below it the search
# decides. Calibrated on the development questions, never on the held-out set.
SELECTOR_CONFIDENCE = 0.9
ASSESS_BUTTON = {"title": "Assess a baby's care (Infant Care Profile)",
                 "payload": "/start_assess"}


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[dict]:
        message = tracker.latest_message
        if selected_card(message) in default_knowledge_base().card_ids:
            concern = live_concern(message)
            if concern:
                dispatcher.utter_message(text=format_live_case(concern),
                                         buttons=[ASSESS_BUTTON])
            return [SlotSet(ANSWER_SLOT, BY_SELECTOR)]
        reply = reply_to(message)
        dispatcher.utter_message(text=format_reply(reply), buttons=buttons(reply))
        return [SlotSet(ANSWER_SLOT, REPLIED)]


class ActionOutOfContext(Action):
    """A message that fits nothing going on: NLU was unsure of it, or it read as a
    practitioner's move or "finish" with no rehearsal running, or as an answer with no
    assessment open. A question to a carer, a question about practice and an answer about
    a family's money or housing are worded alike, so NLU can read a look-up question any
    of these ways. When the knowledge search is confident of a card, that card is the answer (the
    search never answers what no card covers); a question NLU was unsure of gets "I don't
    know" with the nearest cards; anything else gets the reply for where it was said."""

    def name(self) -> str:
        return "action_out_of_context"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[dict]:
        message = tracker.latest_message
        intent = _intent(message)
        reply = reply_to(message)
        if reply.knows or (intent in UNSURE_INTENTS and _is_question(message)):
            dispatcher.utter_message(text=format_reply(reply), buttons=buttons(reply))
            return []
        for response in OUT_OF_CONTEXT.get(intent, MOVE_OUTSIDE_REHEARSAL):
            dispatcher.utter_message(response=response)
        return []


def _is_question(message: dict) -> bool:
    return (message.get("text") or "").rstrip().endswith("?")


def reply_to(message: dict) -> Reply:
    """The card a button offered, else the search's reply; with the urgent routes for a
    worry about a baby now."""
    kb = default_knowledge_base()
    question = message.get("text") or ""
    card_id = offered_card(message)
    reply = kb.answer_with(card_id, question) if card_id in kb.card_ids else kb.ask(question)
    return replace(reply, live_case=live_concern(message))


def live_concern(message: dict) -> LiveCase | None:
    found = recognise_live_case(message.get("text") or "")
    return found or (live_case() if _intent(message) == LIVE_CONCERN_INTENT else None)


def offered_card(message: dict) -> str | None:
    """The card id a suggestion button sent, if this message is one."""
    return next((entity.get("value") for entity in message.get("entities") or []
                 if entity.get("entity") == CARD_ENTITY), None)


def selected_card(message: dict, threshold: float = SELECTOR_CONFIDENCE) -> str | None:
    """The ResponseSelector's card for a faq question, when it is confident enough."""
    if _intent(message) != FAQ_INTENT or offered_card(message):
        return None
    response = ((message.get("response_selector") or {}).get(FAQ_INTENT) or {}).get("response")
    if not response or (response.get("confidence") or 0.0) < threshold:
        return None
    _, _, card_id = (response.get("intent_response_key") or "").partition("/")
    return card_id or None


def buttons(reply: Reply) -> list[dict]:
    offered = [card_button(card) for card in reply.suggestions]
    return [ASSESS_BUTTON, *offered] if reply.live_case else offered


def card_button(card: Card) -> dict:
    return {"title": card.title,
            "payload": f"/{FAQ_INTENT}{json.dumps({CARD_ENTITY: card.id})}"}


def _intent(message: dict) -> str | None:
    return (message.get("intent") or {}).get("name")
