"""The base of every action here, and the one error policy.

An action reads the tracker, asks ``kbs`` for the turn (``turn``: a ``kbs.chat.Turn``, the
messages to say and the slots to set) and ``run`` turns that into Rasa's messages and
events.

A fault of the database or of a data file (``kbs.faults``) raised while the turn is worked
out is answered here, for every action: the practitioner is told (``utter_database_fault``
or ``utter_catalogue_fault``, once in a turn however many actions meet it), nothing of the
turn is said or set, so the conversation's slots stay as they were before the message and
the same message can simply be sent again; what was already saved stays as it was (a
transaction that fails is rolled back). The fault is logged by ``kbs.faults.description``,
without anything the practitioner wrote. ``after_fault`` adds only what keeps the dialogue
going (a form keeps asking, ``actions/forms.py``).

Any other error (a mistake in the code, or a value no button offers, such as a persona
that is not a name) is answered the same way with ``utter_action_fault``: an action never
fails to the action server, whose own error path would hand the whole conversation back
to the Rasa server's log (kbs/ops/action_server.py).
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from kbs import faults
from kbs.chat import SCREENED, Message, Turn

log = logging.getLogger(__name__)

FAULT_RESPONSES = {faults.DATABASE: "utter_database_fault",
                   faults.CATALOGUE: "utter_catalogue_fault"}
ERROR_RESPONSE = "utter_action_fault"


class TurnAction(Action, ABC):
    """A Rasa action over one ``kbs`` call; subclasses give ``name`` and ``turn``."""

    @abstractmethod
    def turn(self, tracker: Tracker) -> Turn:
        """What to say and set: one call of ``kbs`` with what the tracker holds."""

    def events(self, turn: Turn, tracker: Tracker) -> list[EventType]:
        events: list[EventType] = [SlotSet(slot, value) for slot, value in turn.slots.items()]
        if turn.opens:  # a form whose question the turn asked: Rasa runs it next
            events.append(ActiveLoop(turn.opens))
        return events

    def after_fault(self, tracker: Tracker) -> list[EventType]:
        """Events after a fault: none, so every slot keeps its value."""
        return []

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        try:
            turn = self.turn(tracker)
            events = self.events(turn, tracker)
        except faults.FAULTS as fault:
            log.error("%s met a %s fault; nothing was changed: %s", self.name(),
                      faults.kind(fault), faults.description(fault))
            return self.answer_fault(dispatcher, tracker, FAULT_RESPONSES[faults.kind(fault)])
        except Exception as error:  # any other: every action answers safely
            log.error("%s failed; nothing was changed: %s", self.name(),
                      faults.description(error))
            return self.answer_fault(dispatcher, tracker, ERROR_RESPONSE)
        say(dispatcher, turn.messages)
        return events

    def answer_fault(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                     response: str) -> list[EventType]:
        """Say ``response`` (once in a turn) and keep every slot as it was."""
        if not said_since_the_message(tracker, response):
            dispatcher.utter_message(response=response)
        return self.after_fault(tracker)


def say(dispatcher: CollectingDispatcher, messages: Iterable[Message]) -> None:
    for message in messages:
        if message.response:
            dispatcher.utter_message(response=message.response)
        else:
            # A refusal's words go in the bot message's metadata (not shown): the Rasa
            # server keeps neither them nor the message refused (kbs.ops.tracker_redaction).
            screened = {SCREENED: list(message.screened)} if message.screened else {}
            dispatcher.utter_message(text=message.text, buttons=[
                {"title": button.title, "payload": button.payload}
                for button in message.buttons], **screened)


def since_the_message(tracker: Tracker) -> list[dict[str, Any]]:
    """The events after the latest message from the practitioner."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return events[last_user + 1:]


def said_since_the_message(tracker: Tracker, response: str) -> bool:
    return any(e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
               == response for e in since_the_message(tracker))
