"""Assess mode: thin Rasa actions over kbs.assessment.conversation.

The form ``assessment_form`` has one slot, ``assessment_answer``, filled with whatever the
practitioner types. Its validation records the answer and clears the slot, so the form asks
the next question; it keeps the slot filled to end the form, for a red flag (announced, then
the form opens again) or when the assessment is stopped or finished. The rest of the
conversation's state is in the ``assessment_*`` slots.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet

from actions.forms import FormValidation, filled_by_the_message
from actions.turns import TurnAction
from kbs.assessment import conversation
from kbs.assessment.conversation import State
from kbs.chat import FormTurn, Turn
from kbs.identity import practitioner_of

FORM = "assessment_form"
ANSWER_SLOT = "assessment_answer"
STATE_SLOTS = {"case": "assessment_case", "profile": "assessment_profile",
               "step": "assessment_step", "asked": "assessment_asked",
               "red_flags": "assessment_red_flags", "outcome": "assessment_outcome",
               "confirm": "assessment_confirm"}


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


def owner_of(tracker: Tracker) -> str:
    return practitioner_of(tracker.sender_id)


def reply(turn: conversation.Turn) -> Turn:
    """The turn's messages; its state goes into the slots, and the form's slot is emptied."""
    return Turn(turn.messages, {**slots_of(turn.state), ANSWER_SLOT: None})


class StartAssessment(TurnAction):
    def name(self) -> str:
        return "action_assessment_start"

    def turn(self, tracker: Tracker) -> Turn:
        return reply(conversation.start(owner_of(tracker),
                                        tracker.latest_message.get("text") or ""))


class AskAssessmentQuestion(TurnAction):
    def name(self) -> str:
        return "action_ask_assessment_answer"

    def turn(self, tracker: Tracker) -> Turn:
        return Turn(conversation.ask(state_of(tracker), owner_of(tracker)).messages)


class ValidateAssessmentForm(FormValidation):
    form = FORM

    def turn(self, tracker: Tracker) -> FormTurn:
        filled = filled_by_the_message(tracker)
        value = filled.get(ANSWER_SLOT)
        if value is None:
            return FormTurn(slots={ANSWER_SLOT: None} if ANSWER_SLOT in filled else {})
        turn = conversation.answer(state_of(tracker), owner_of(tracker), str(value),
                                   tracker.latest_message.get("entities") or [])
        return FormTurn(turn.messages, {ANSWER_SLOT: turn.state.outcome,
                                        **slots_of(turn.state)})


class AnnounceRedFlags(TurnAction):
    def name(self) -> str:
        return "action_assessment_red_flag"

    def turn(self, tracker: Tracker) -> Turn:
        return reply(conversation.announce(state_of(tracker), owner_of(tracker)))

    def events(self, turn: Turn, tracker: Tracker) -> list[EventType]:
        # The form opens again here: a rule could not restart it (docs/ASSESS.md).
        return [*super().events(turn, tracker), ActiveLoop(FORM)]

    def after_fault(self, tracker: Tracker) -> list[EventType]:
        return reopened()


class CloseAssessment(TurnAction):
    def name(self) -> str:
        return "action_assessment_close"

    def turn(self, tracker: Tracker) -> Turn:
        return reply(conversation.close(state_of(tracker), owner_of(tracker)))

    def after_fault(self, tracker: Tracker) -> list[EventType]:
        return reopened()


def reopened() -> list[EventType]:
    """After a fault between two answers, the form opens again with its slot empty, as it
    was before the message, and asks its question: every answer so far is saved, and
    "finish" or "stop" closes the assessment again once the database answers."""
    return [SlotSet(ANSWER_SLOT, None), ActiveLoop(FORM)]
