"""Rehearse mode's Rasa actions: translate between the tracker and the persona engine.

rehearsal_form asks first for a persona (buttons), then over and over for the
practitioner's next words: validate_rehearsal_form plays each turn through the engine
and keeps its state in the `rehearsal` slot (so a restart of Rasa loses nothing);
action_ask_rehearsal_utterance says the carer's reply. "finish" (or "menu", or
goodbye) ends the form, and action_rehearsal_feedback gives and saves the feedback.
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import UTC, datetime

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from sqlalchemy.exc import SQLAlchemyError

from kbs.catalogues import CatalogueError
from kbs.identity import practitioner_of
from kbs.rehearsal import engine
from kbs.rehearsal.feedback import build_feedback
from kbs.rehearsal.feedback_text import feedback_text
from kbs.rehearsal.moves import moves
from kbs.rehearsal.personas import Persona, personas
from kbs.store.rehearsals import save_rehearsal

logger = logging.getLogger(__name__)

STATE = "rehearsal"
PERSONA = "rehearsal_persona"
UTTERANCE = "rehearsal_utterance"

MOVE_PREFIX = "move_"
ENDING_INTENTS = {"finish", "goodbye", "show_menu"}
SMALL_TALK_INTENTS = {"greet", "thank"}
HELP_INTENT = "help"
FALLBACK_INTENT = "nlu_fallback"
# In a rehearsal every message is meant for the carer. When NLU falls back, or reads the
# message as a look-up question or a live worry (a practitioner's question to a carer often
# sounds like one), the move NLU ranked highest counts, down to this confidence.
MOVE_CONFIDENCE_IN_REHEARSAL = 0.3
READ_AS_A_MOVE = {FALLBACK_INTENT, "faq", "live_concern"}

FINISH_BUTTON = {"title": "Finish and get feedback", "payload": "/finish"}
AFTER_FEEDBACK_BUTTONS = [{"title": "Rehearse again", "payload": "/start_rehearse"},
                          {"title": "Menu", "payload": "/show_menu"}]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def rehearsal_intent(message: dict) -> str:
    """The intent a rehearsal acts on (see MOVE_CONFIDENCE_IN_REHEARSAL)."""
    intent = (message.get("intent") or {}).get("name") or FALLBACK_INTENT
    if intent not in READ_AS_A_MOVE:
        return intent
    ranked = [r for r in message.get("intent_ranking") or [] if r.get("name") not in READ_AS_A_MOVE]
    best = max(ranked, key=lambda r: r.get("confidence") or 0, default=None)
    if best and best["name"].startswith(MOVE_PREFIX) \
            and (best.get("confidence") or 0) >= MOVE_CONFIDENCE_IN_REHEARSAL:
        return best["name"]
    return FALLBACK_INTENT


def running_rehearsal(tracker: Tracker) -> tuple[dict, Persona] | None:
    """The state of the rehearsal under way, and its persona; None before one starts."""
    state = tracker.get_slot(STATE)
    return (state, personas()[state["persona"]]) if state else None


def persona_button(persona: Persona) -> dict:
    return {"title": persona.title,
            "payload": "/start_rehearse" + json.dumps({"persona": persona.id})}


def briefing(persona: Persona) -> str:
    return (f"Rehearsal: {persona.title}. I will play {persona.name}. {persona.who}\n\n"
            f"Before the visit: {persona.briefing}\n\n"
            f"Talk to {persona.name} as you would on the visit. Say \"finish\" at any time "
            f"for feedback, or \"help\" for a reminder.")


def rehearsal_help(persona: Persona) -> str:
    return (f"You are rehearsing a conversation with {persona.name} ({persona.title}). Say "
            f"what you would say on the visit: ask, listen and reflect back, notice what is "
            f"going well, name your concern, ask about the other adults and the family, plan "
            f"for the baby's safety. Say \"finish\" (or \"menu\") to end and get feedback on "
            f"what you uncovered and what you missed.")


def unclear(persona: Persona) -> str:
    return (f"(I could not tell what kind of move that was, so {persona.name} has not "
            f"answered it. Try putting it another way, as you would say it to "
            f"{persona.name}; say \"finish\" for feedback.)")


class ValidateRehearsalForm(Action):
    """Each message in a rehearsal: the choice of persona first, then one turn each."""

    def name(self) -> str:
        return "validate_rehearsal_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        running = running_rehearsal(tracker)
        if running is None:
            return self._choose_persona(dispatcher, tracker)
        return self._take_turn(dispatcher, tracker, *running)

    def _choose_persona(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
        chosen = tracker.get_slot(PERSONA)
        if chosen is None:
            if tracker.get_slot(REQUESTED_SLOT) != PERSONA:
                return []  # the form has just started; it asks for the persona next
            if tracker.get_intent_of_latest_message() in ENDING_INTENTS:
                return [SlotSet(PERSONA, None), SlotSet(REQUESTED_SLOT, None)]
            dispatcher.utter_message(
                text="Please choose who you would like to rehearse with, or say \"menu\".")
            return [SlotSet(PERSONA, None)]
        try:
            persona = personas()[chosen]
        except (KeyError, CatalogueError) as err:
            logger.warning("rehearsal persona %r not available: %s", chosen, err)
            dispatcher.utter_message(text=f"There is no rehearsal called {chosen!r} just now.")
            return [SlotSet(PERSONA, None)]
        dispatcher.utter_message(text=briefing(persona))
        state = engine.start(persona, secrets.randbits(32), now())
        return [SlotSet(PERSONA, persona.id), SlotSet(STATE, state)]

    def _take_turn(self, dispatcher: CollectingDispatcher, tracker: Tracker, state: dict,
                   persona: Persona) -> list:
        intent = rehearsal_intent(tracker.latest_message)
        text = tracker.latest_message.get("text") or ""
        if intent in ENDING_INTENTS:
            return [SlotSet(UTTERANCE, text), SlotSet(REQUESTED_SLOT, None)]
        move = moves().get(intent.removeprefix(MOVE_PREFIX)) \
            if intent.startswith(MOVE_PREFIX) else None
        if intent == HELP_INTENT:
            dispatcher.utter_message(text=rehearsal_help(persona))
        elif move is None and intent not in SMALL_TALK_INTENTS:
            dispatcher.utter_message(text=unclear(persona))
        else:
            return [SlotSet(STATE, engine.take_turn(state, persona, move, text)),
                    SlotSet(UTTERANCE, None)]
        return [SlotSet(UTTERANCE, None)]


class AskRehearsalPersona(Action):
    def name(self) -> str:
        return "action_ask_rehearsal_persona"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        try:
            available = personas()
        except CatalogueError as err:
            logger.error("rehearsal personas cannot be loaded: %s", err)
            dispatcher.utter_message(
                text=f"Rehearsal is not available just now: a persona file has a mistake "
                     f"({err}). Please tell whoever looks after the personas; say \"menu\" "
                     f"to do something else.")
            return []
        dispatcher.utter_message(
            text="Who would you like to rehearse a conversation with? I will play the "
                 "carer; talk to them as you would on a visit, then get feedback.",
            buttons=[persona_button(p) for p in available.values()])
        return []


class AskRehearsalUtterance(Action):
    """The carer speaks: the opening, or their answer to the practitioner's last words."""

    def name(self) -> str:
        return "action_ask_rehearsal_utterance"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        state, persona = running_rehearsal(tracker)
        dispatcher.utter_message(text=f"{persona.name}: {engine.carer_line(state)}",
                                 buttons=[FINISH_BUTTON])
        return []


class RehearsalFeedback(Action):
    def name(self) -> str:
        return "action_rehearsal_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        running = running_rehearsal(tracker)
        reset = [SlotSet(STATE, None), SlotSet(PERSONA, None), SlotSet(UTTERANCE, None)]
        if running is None:  # left before choosing a persona
            dispatcher.utter_message(response="utter_menu")
            return reset
        state, persona = running
        feedback = build_feedback(persona, moves(), state)
        saved = self._save(practitioner_of(tracker.sender_id), state, feedback)
        dispatcher.utter_message(text=f"{feedback_text(feedback)}\n\n{saved}",
                                 buttons=AFTER_FEEDBACK_BUTTONS)
        return reset

    @staticmethod
    def _save(owner: str, state: dict, feedback: dict) -> str:
        try:
            save_rehearsal(owner, state["persona"], state["transcript"], feedback,
                           datetime.fromisoformat(state["started_at"]), now())
        except SQLAlchemyError:
            logger.exception("a finished rehearsal could not be saved")
            return ("This rehearsal could not be saved just now, so please note down "
                    "anything above that you want to keep.")
        return ("This rehearsal is saved with your others, so that you and your supervisor "
                "can see your progress over time.")
