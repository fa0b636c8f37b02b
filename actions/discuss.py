"""Discuss mode: the safer sleep and safe handling forms, thin over
kbs.safer_practice.conversation (which reads each message, records what it answers and
chooses the next question, in the slots of bot/domain/discuss.yml); saving the last plan
with a case afterwards, and the same-baby question, over kbs.safer_practice.saving."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.forms import REQUESTED_SLOT

from actions.forms import FormValidation, returning_to_the_form
from actions.turns import TurnAction
from kbs.chat import FormTurn, Turn
from kbs.identity import practitioner_of
from kbs.safer_practice import conversation, saving
from kbs.safer_practice.conversation import (
    SAFE_HANDLING_FORM,
    SAFER_SLEEP_FORM,
    DiscussionForm,
)
from kbs.safer_practice.reading import Message


def message_of(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    found = [e for e in latest.get("entities") or () if "entity" in e and "value" in e]
    entities = tuple((e["entity"], str(e["value"])) for e in found)
    spans = tuple(e for e in found if "start" in e and "end" in e)
    return Message(latest.get("text") or "", (latest.get("intent") or {}).get("name"), entities,
                   spans)


class ValidateDiscussion(FormValidation, ABC):
    @property
    @abstractmethod
    def discussion(self) -> DiscussionForm:
        """The safer sleep or safe handling discussion, with its slots."""

    def turn(self, tracker: Tracker) -> FormTurn:
        return conversation.take(self.discussion, tracker.slots, message_of(tracker),
                                 tracker.get_slot(REQUESTED_SLOT),
                                 returning=returning_to_the_form(tracker))


class ValidateSaferSleepForm(ValidateDiscussion):
    form = "safer_sleep_form"
    discussion = SAFER_SLEEP_FORM


class ValidateSafeHandlingForm(ValidateDiscussion):
    form = "safe_handling_form"
    discussion = SAFE_HANDLING_FORM


class WritePlan(TurnAction, ABC):
    """Shows the finished plan, saves it with the case when there is one, and clears the
    discussion's slots."""

    @property
    @abstractmethod
    def discussion(self) -> DiscussionForm:
        """The safer sleep or safe handling discussion, with its slots."""

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.write_plan(self.discussion, tracker.slots,
                                       practitioner_of(tracker.sender_id))


class ActionSaferSleepPlan(WritePlan):
    discussion = SAFER_SLEEP_FORM

    def name(self) -> str:
        return "action_safer_sleep_plan"


class ActionSafeHandlingPlan(WritePlan):
    discussion = SAFE_HANDLING_FORM

    def name(self) -> str:
        return "action_safe_handling_plan"


class ActionDiscussLeave(TurnAction):
    """Leaving a discussion for the menu: nothing was saved, and its answers are cleared."""

    def name(self) -> str:
        return "action_discuss_leave"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.leave(tracker.slots)


class ActionSavePlan(TurnAction):
    """"Save this plan to KBS-2207": this conversation's last plan saved with the case; no
    assessment is opened. When the case's assessment is in progress the same-baby question
    follows (the turn opens same_baby_form)."""

    def name(self) -> str:
        return "action_save_plan"

    def turn(self, tracker: Tracker) -> Turn:
        return saving.save_later(practitioner_of(tracker.sender_id),
                                 tracker.get_slot(saving.LAST_PLAN_SLOT),
                                 message_of(tracker).text)


class ValidateSameBabyForm(FormValidation):
    """The answer to "Is this the same baby?": only a clear yes adds the discussion to the
    case's assessment in progress."""

    form = saving.SAME_BABY_FORM

    def turn(self, tracker: Tracker) -> FormTurn:
        message = message_of(tracker)
        return saving.same_baby(practitioner_of(tracker.sender_id),
                                tracker.get_slot(saving.LAST_PLAN_SLOT), message.text,
                                message.intent, returning=returning_to_the_form(tracker))
