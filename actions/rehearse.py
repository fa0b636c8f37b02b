"""Rehearse mode: thin Rasa actions over kbs.rehearsal.conversation.

rehearsal_form asks first for a persona (action_ask_rehearsal_persona), then over and over
for the practitioner's next words: validate_rehearsal_form plays each turn through the
persona engine, and action_ask_rehearsal_utterance says the carer's reply. When the form
ends, action_rehearsal_feedback gives and saves the feedback.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.forms import REQUESTED_SLOT

from actions.forms import FormValidation
from actions.turns import TurnAction
from kbs.chat import FormTurn, Turn
from kbs.identity import practitioner_of
from kbs.rehearsal import conversation


class ValidateRehearsalForm(FormValidation):
    """Each message in a rehearsal: the choice of persona first, then one turn each."""

    form = "rehearsal_form"

    def turn(self, tracker: Tracker) -> FormTurn:
        return conversation.take(tracker.slots, tracker.latest_message or {},
                                 tracker.get_slot(REQUESTED_SLOT))


class AskRehearsalPersona(TurnAction):
    def name(self) -> str:
        return "action_ask_rehearsal_persona"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.ask_persona()


class AskRehearsalUtterance(TurnAction):
    """The carer speaks: the opening, or their answer to the practitioner's last words."""

    def name(self) -> str:
        return "action_ask_rehearsal_utterance"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.carer_speaks(tracker.slots)


class RehearsalFeedback(TurnAction):
    def name(self) -> str:
        return "action_rehearsal_feedback"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.finish(tracker.slots, practitioner_of(tracker.sender_id))
