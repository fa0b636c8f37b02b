"""A rehearsal, one message at a time, as a form: the choice of persona first, then over and
over the practitioner's next words, each played through the persona engine.

The form asks first for a persona (buttons), then for the practitioner's words; the
engine's state is kept in the ``rehearsal`` slot (so a restart of Rasa loses nothing).
"finish" (or "menu", or goodbye) ends the form, and ``finish`` gives and saves the
feedback. The slots are those of ``bot/domain/rehearse.yml``; the wording is
``kbs/catalogues/rehearsal.yml``.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from kbs import faults
from kbs.chat import Button, FormTurn, Message, Turn
from kbs.identifying import screen
from kbs.rehearsal import engine
from kbs.rehearsal.feedback import build_feedback
from kbs.rehearsal.feedback_text import feedback_text
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import Persona, personas
from kbs.rehearsal.wording import wording
from kbs.store.rehearsals import save_rehearsal

log = logging.getLogger(__name__)

STATE = "rehearsal"
PERSONA = "rehearsal_persona"
UTTERANCE = "rehearsal_utterance"

MOVE_PREFIX = "move_"
ENDING_INTENTS = {"finish", "goodbye", "show_menu"}
SMALL_TALK_INTENTS = {"greet", "thank"}
HELP_INTENT = "help"
FALLBACK_INTENT = "nlu_fallback"
# In a rehearsal every message is meant for the carer. The NLU's intent is taken as it is
# when it is a move, or ends the rehearsal, asks for help or is small talk. Otherwise (the
# NLU fell back because it was unsure, or read the message as something a rehearsal does
# not do: a look-up question, a live worry, out of scope...) the move it ranked highest is
# taken, however low its confidence: the carer answers it and feedback counts it, so that
# a move the NLU is unsure of (premature reassurance among them) is never lost. The
# FallbackClassifier's thresholds in config.yml are the only confidence thresholds.
TAKEN_AS_IT_IS = ENDING_INTENTS | SMALL_TALK_INTENTS | {HELP_INTENT}
START_PAYLOAD = "/start_rehearse"  # the intent that starts a rehearsal, with the persona

Slots = Mapping[str, Any]  # slot name -> value
ParsedMessage = Mapping[str, Any]  # the latest message as the NLU parsed it


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def take(slots: Slots, message: ParsedMessage, requested: str | None) -> FormTurn:
    """The form's turn on ``message``: the persona chosen, or one turn of the rehearsal.
    ``requested`` is the slot the form asked for (None when it has just started)."""
    running = _running(slots)
    if running is None:
        return _choose_persona(slots.get(PERSONA), requested, message)
    return _take_turn(*running, message)


def ask_persona() -> Turn:
    """Who to rehearse with: a button for every persona."""
    return Turn((_with_buttons(_say("choose_persona"),
                               [persona_button(p) for p in personas().values()]),))


def carer_speaks(slots: Slots) -> Turn:
    """The carer's opening, or their answer to the practitioner's last words."""
    state, persona = _running(slots)
    return Turn((_say("carer_says", name=persona.name, line=engine.carer_line(state)),))


def finish(slots: Slots, owner: str) -> Turn:
    """The feedback, saved for the practitioner; the rehearsal's slots are cleared."""
    running = _running(slots)
    reset = {STATE: None, PERSONA: None, UTTERANCE: None}
    if running is None:  # left before choosing a persona
        return Turn((Message(response="utter_menu"),), reset)
    state, persona = running
    feedback = build_feedback(persona, moves(), state)
    saved = _say("saved" if _save(owner, state, feedback) else "not_saved")
    return Turn((_say("feedback", feedback=feedback_text(feedback), saved=saved.text),), reset)


def rehearsal_intent(message: ParsedMessage) -> str:
    """The intent a rehearsal acts on (see TAKEN_AS_IT_IS): the NLU's own, or the best-ranked
    move of the message's ``intent_ranking``; FALLBACK_INTENT only when no move is ranked."""
    intent = (message.get("intent") or {}).get("name") or FALLBACK_INTENT
    if intent.startswith(MOVE_PREFIX) or intent in TAKEN_AS_IT_IS:
        return intent
    ranked_moves = [r for r in message.get("intent_ranking") or []
                    if (r.get("name") or "").startswith(MOVE_PREFIX)]
    best = max(ranked_moves, key=lambda r: r.get("confidence") or 0, default=None)
    return best["name"] if best else FALLBACK_INTENT


def persona_button(persona: Persona) -> Button:
    return Button(persona.title, START_PAYLOAD + json.dumps({"persona": persona.id}))


def _running(slots: Slots) -> tuple[dict, Persona] | None:
    """The state of the rehearsal under way, and its persona; None before one starts."""
    state = slots.get(STATE)
    return (state, personas()[state["persona"]]) if state else None


def _choose_persona(chosen: str | None, requested: str | None,
                    message: ParsedMessage) -> FormTurn:
    if chosen is None:
        if requested != PERSONA:
            return FormTurn()  # the form has just started; it asks for the persona next
        if _top_intent(message) in ENDING_INTENTS:
            return FormTurn(slots={PERSONA: None}, ends=True)
        return FormTurn((_say("choose_again"),), {PERSONA: None})
    # Only a persona's id is one (a payload typed by hand may give any JSON value).
    persona = personas().get(chosen) if isinstance(chosen, str) else None
    if persona is None:
        log.warning("a rehearsal persona that is not available was asked for")
        return FormTurn((_say("no_such_persona", persona=chosen),), {PERSONA: None})
    state = engine.start(persona, secrets.randbits(32), now())
    return FormTurn((_say("briefing", title=persona.title, name=persona.name, who=persona.who,
                          briefing=persona.briefing),), {PERSONA: persona.id, STATE: state})


def _take_turn(state: dict, persona: Persona, message: ParsedMessage) -> FormTurn:
    intent = rehearsal_intent(message)
    text = message.get("text") or ""
    if intent in ENDING_INTENTS:
        return FormTurn(slots={UTTERANCE: text}, ends=True)
    refusal = screen(text, persona_words(persona.id))
    if refusal:  # never in the transcript; the form asks for the next words as before
        return FormTurn((replace(_say("line_refused", name=persona.name,
                                      reason=refusal.reason), screened=refusal.words),),
                        {UTTERANCE: None})
    move = moves().get(intent.removeprefix(MOVE_PREFIX)) \
        if intent.startswith(MOVE_PREFIX) else None
    if intent == HELP_INTENT:
        said = _say("help", name=persona.name, title=persona.title)
    elif move is None and intent not in SMALL_TALK_INTENTS:
        said = _say("unclear", name=persona.name)
    else:
        return FormTurn(slots={STATE: engine.take_turn(state, persona, move, text),
                               UTTERANCE: None})
    return FormTurn((said,), {UTTERANCE: None})


@cache
def persona_words(persona_id: str) -> frozenset[str]:
    """The persona's own capitalised words (the carer's fictional name among them): not
    taken for a real person's name when the practitioner says them back."""
    persona = personas()[persona_id]
    texts = [persona.name, persona.who, persona.briefing, persona.opening,
             *(line for lines in persona.reactions.values() for line in lines),
             *(line for fact in persona.hidden_facts for line in (*fact.reveal, *fact.deflect))]
    return frozenset(word.lower() for text in texts for word in re.findall(r"[A-Z][a-z]+", text))


def _top_intent(message: ParsedMessage) -> str | None:
    """The NLU's first intent, or its second when the first is the fallback."""
    ranking = message.get("intent_ranking") or []
    if not ranking:
        return None
    if ranking[0]["name"] == FALLBACK_INTENT:
        return ranking[1]["name"] if len(ranking) >= 2 else None
    return ranking[0]["name"]


def _save(owner: str, state: dict, feedback: dict) -> bool:
    """Saving feedback already given: when the database fails, the practitioner is asked to
    note down what they want to keep, and the rehearsal ends as usual."""
    try:
        save_rehearsal(owner, state["persona"], state["transcript"], feedback,
                       datetime.fromisoformat(state["started_at"]), now())
    except SQLAlchemyError as fault:
        log.error("a finished rehearsal could not be saved: %s", faults.description(fault))
        return False
    return True


def _say(message_id: str, **values: Any) -> Message:
    return wording().say(message_id, **values)


def _with_buttons(message: Message, buttons: list[Button]) -> Message:
    return Message(message.text, (*message.buttons, *buttons))
