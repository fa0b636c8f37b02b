"""The one pattern of the three modes' forms (assessment_form; safer_sleep_form and
safe_handling_form; rehearsal_form): a validation action ``validate_<form>`` over one
``kbs`` call.

Rasa runs the validation action after each message while the form is active (and once
when it starts). Each of these reads the latest message itself, rather than one slot at a
time as rasa_sdk's FormValidationAction does, because a message may answer several
questions or none, and the next question depends on the answers: ``kbs`` returns a
``kbs.chat.FormTurn`` and this class turns it into events. The form goes on (asking for
the slot the turn names, or else Rasa asks for the first empty one), ends (requested_slot
set to None), or rejects the message (no events) so that a rule answers it instead.

After a fault (``actions/turns.py``) the form goes on asking for the same slot, and every
slot the message filled gets back the value it had before the message.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.forms import REQUESTED_SLOT

from actions.turns import TurnAction, since_the_message
from kbs.chat import FormTurn


class FormValidation(TurnAction, ABC):
    """``validate_<form>``; subclasses give ``form`` and ``turn``."""

    @property
    @abstractmethod
    def form(self) -> str:
        """The form's name in the domain."""

    def name(self) -> str:
        return f"validate_{self.form}"

    @abstractmethod
    def turn(self, tracker: Tracker) -> FormTurn:
        """The message taken by the form (``kbs``)."""

    def events(self, turn: FormTurn, tracker: Tracker) -> list[EventType]:
        if turn.rejected:
            return []
        events = super().events(turn, tracker)
        if turn.ends:
            events.append(SlotSet(REQUESTED_SLOT, None))
        elif turn.asking is not None:
            events.append(SlotSet(REQUESTED_SLOT, turn.asking))
        return events

    def after_fault(self, tracker: Tracker) -> list[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        restored = {slot: value_before_the_message(tracker, slot)
                    for slot in filled_by_the_message(tracker)}
        if requested is None:  # starting: Rasa asks for the form's first empty slot
            return [SlotSet(slot, value) for slot, value in restored.items()]
        # A slot set (if only to its own value) keeps Rasa from rejecting the form.
        restored.setdefault(requested, value_before_the_message(tracker, requested))
        return [*(SlotSet(slot, value) for slot, value in restored.items()),
                SlotSet(REQUESTED_SLOT, requested)]


def filled_by_the_message(tracker: Tracker) -> dict[str, Any]:
    """The slots Rasa filled from the message the form is given (its slot candidates: the
    slot events at the end of the tracker); none when the form runs again without one."""
    return {slot: value for slot, value in tracker.slots_to_validate().items()
            if slot != REQUESTED_SLOT}


def value_before_the_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest message: its last setting before the message
    when the message (or an action since) set it, else its value now."""
    since = since_the_message(tracker)
    if not any(e.get("event") == "slot" and e.get("name") == slot for e in since):
        return tracker.get_slot(slot)
    before = tracker.events[:max(len(tracker.events) - len(since) - 1, 0)]
    return next((e.get("value") for e in reversed(before)
                 if e.get("event") == "slot" and e.get("name") == slot), None)


def returning_to_the_form(tracker: Tracker) -> bool:
    """The form runs again after a rule answered (help): nothing new to read."""
    return any(e.get("event") == "bot" for e in since_the_message(tracker))
