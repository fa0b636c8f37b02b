"""Look up mode: thin Rasa actions over kbs.knowledge.conversation, which chooses the reply
to a question (or to a message that fits nothing going on) from the knowledge cards."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.turns import TurnAction
from kbs.chat import Turn
from kbs.knowledge import conversation


class ActionAnswerQuestion(TurnAction):
    def name(self) -> str:
        return "action_answer_question"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.answer(tracker.latest_message or {})


class ActionOutOfContext(TurnAction):
    """A message that fits nothing going on (kbs.knowledge.conversation.out_of_context)."""

    def name(self) -> str:
        return "action_out_of_context"

    def turn(self, tracker: Tracker) -> Turn:
        return conversation.out_of_context(tracker.latest_message or {})
