"""Assess mode: thin Rasa actions over kbs.assessment.conversation.

The form ``assessment_form`` has one slot, ``assessment_answer``, filled with whatever the
practitioner types. Its validation records the answer and clears the slot, so the form asks
the next question; it keeps the slot filled to end the form, for a red flag (announced, then
the form opens again) or when the assessment is stopped or finished. The rest of the
conversation's state is in the ``assessment_*`` slots.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from kbs.assessment import conversation
from kbs.assessment.conversation import State, Turn
from kbs.identity import practitioner_of

FORM = "assessment_form"
ANSWER_SLOT = "assessment_answer"
STATE_SLOTS = {"case": "assessment_case", "profile": "assessment_profile",
               "step": "assessment_step", "asked": "assessment_asked",
               "red_flags": "assessment_red_flags", "outcome": "assessment_outcome"}


def state_of(tracker: Tracker) -> State:
    values = {name: tracker.get_slot(slot) for name, slot in STATE_SLOTS.items()}
    values["asked"] = tuple(values["asked"] or ())
    values["red_flags"] = tuple(values["red_flags"] or ())
    return State(**values)


def slots_of(state: State) -> dict[str, Any]:
    values = {slot: getattr(state, name) for name, slot in STATE_SLOTS.items()}
    values[STATE_SLOTS["asked"]] = list(state.asked)
    values[STATE_SLOTS["red_flags"]] = list(state.red_flags)
    return values


def say(dispatcher: CollectingDispatcher, turn: Turn) -> None:
    for message in turn.messages:
        dispatcher.utter_message(text=message.text, buttons=[
            {"title": b.title, "payload": b.payload} for b in message.buttons])


def owner_of(tracker: Tracker) -> str:
    return practitioner_of(tracker.sender_id)


def reply(dispatcher: CollectingDispatcher, turn: Turn) -> list[EventType]:
    """Say the turn's messages; its state goes into the slots, and the form's slot is emptied."""
    say(dispatcher, turn)
    return [*(SlotSet(slot, value) for slot, value in slots_of(turn.state).items()),
            SlotSet(ANSWER_SLOT, None)]


class StartAssessment(Action):
    def name(self) -> str:
        return "action_assessment_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return reply(dispatcher, conversation.start(owner_of(tracker),
                                                    tracker.latest_message.get("text") or ""))


class AskAssessmentQuestion(Action):
    def name(self) -> str:
        return "action_ask_assessment_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        say(dispatcher, conversation.ask(state_of(tracker), owner_of(tracker)))
        return []


class ValidateAssessmentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_assessment_form"

    async def validate_assessment_answer(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker,
                                         domain: dict[str, Any]) -> dict[str, Any]:
        if value is None:
            return {}
        turn = conversation.answer(state_of(tracker), owner_of(tracker), str(value),
                                   tracker.latest_message.get("entities") or [])
        say(dispatcher, turn)
        return {**slots_of(turn.state), ANSWER_SLOT: turn.state.outcome}


class AnnounceRedFlags(Action):
    def name(self) -> str:
        return "action_assessment_red_flag"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        # The form opens again here: a rule could not restart it (docs/ASSESS.md).
        turn = conversation.announce(state_of(tracker), owner_of(tracker))
        return [*reply(dispatcher, turn), ActiveLoop(FORM)]


class CloseAssessment(Action):
    def name(self) -> str:
        return "action_assessment_close"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return reply(dispatcher, conversation.close(state_of(tracker), owner_of(tracker)))
