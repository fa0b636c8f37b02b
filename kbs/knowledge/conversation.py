"""Look up mode in the chat: which reply a question gets, from the knowledge cards.

NLU only says that a message is a question (the intent faq); the reply is given here, with
the card a button offered (/faq{"card": "<id>"}) or with the knowledge search, the same code
path as `kbs ask`: the card with its sources, or "I don't know" with the nearest cards as
buttons. A worry about a baby now leads with the urgent routes and offers the assessment.
(Rasa's ResponseSelector no longer picks the card: the search picks the right one for more
held-out questions, config.yml.)

A message is the latest message as the NLU parsed it (text, intent and entities).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from kbs.catalogues import load
from kbs.chat import Button, Message, Turn, read_button
from kbs.knowledge.answer import Reply, default_knowledge_base
from kbs.knowledge.cards import Card
from kbs.knowledge.faq_data import FAQ_INTENT
from kbs.knowledge.live_case import LiveCase, live_case, recognise_live_case
from kbs.knowledge.render import format_reply
from kbs.paths import CATALOGUES_DIR

WORDING_FILE = CATALOGUES_DIR / "lookup.yml"
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

ParsedMessage = Mapping[str, Any]


def answer(message: ParsedMessage) -> Turn:
    """A question (or a worry about a baby now): the card a button offered, the search's
    card, or "I don't know" with the nearest cards; after the urgent routes for a worry."""
    reply = reply_to(message)
    return Turn((Message(format_reply(reply), buttons(reply)),))


def out_of_context(message: ParsedMessage) -> Turn:
    """A message that fits nothing going on: NLU was unsure of it, or it read as a
    practitioner's move or "finish" with no rehearsal running, or as an answer with no
    assessment open. A question to a carer, a question about practice and an answer about
    a family's money or housing are worded alike, so NLU can read a look-up question any
    of these ways. When the knowledge search is confident of a card, that card is the
    answer (the search never answers what no card covers); a question NLU was unsure of
    gets "I don't know" with the nearest cards; anything else gets the reply for where it
    was said."""
    intent = _intent(message)
    reply = reply_to(message)
    if reply.knows or (intent in UNSURE_INTENTS and _is_question(message)):
        return Turn((Message(format_reply(reply), buttons(reply)),))
    return Turn(tuple(Message(response=response)
                      for response in OUT_OF_CONTEXT.get(intent, MOVE_OUTSIDE_REHEARSAL)))


def reply_to(message: ParsedMessage) -> Reply:
    """The card a button offered, else the search's reply; with the urgent routes for a
    worry about a baby now."""
    kb = default_knowledge_base()
    question = message.get("text") or ""
    card_id = offered_card(message)
    reply = kb.answer_with(card_id, question) if card_id in kb.card_ids else kb.ask(question)
    return replace(reply, live_case=live_concern(message))


def live_concern(message: ParsedMessage) -> LiveCase | None:
    found = recognise_live_case(message.get("text") or "")
    return found or (live_case() if _intent(message) == LIVE_CONCERN_INTENT else None)


def offered_card(message: ParsedMessage) -> str | None:
    """The card id a suggestion button sent, if this message is one."""
    return next((entity.get("value") for entity in message.get("entities") or []
                 if entity.get("entity") == CARD_ENTITY), None)


def buttons(reply: Reply) -> tuple[Button, ...]:
    offered = tuple(card_button(card) for card in reply.suggestions)
    return (assess_button(), *offered) if reply.live_case else offered


def card_button(card: Card) -> Button:
    return Button(card.title, f"/{FAQ_INTENT}{json.dumps({CARD_ENTITY: card.id})}")


@cache
def assess_button() -> Button:
    """The button that starts an assessment (kbs/catalogues/lookup.yml)."""
    doc = load(WORDING_FILE)
    doc.only(("buttons",))
    doc.get("buttons").only(("assess",))
    return read_button(doc.get("buttons").get("assess"))


def _is_question(message: ParsedMessage) -> bool:
    return (message.get("text") or "").rstrip().endswith("?")


def _intent(message: ParsedMessage) -> str | None:
    return (message.get("intent") or {}).get("name")
