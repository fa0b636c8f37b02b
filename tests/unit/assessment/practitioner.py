"""A practitioner talking to the Assess mode as Rasa runs it: answer, red flags, close, ask."""

from __future__ import annotations

from kbs.assessment import conversation
from kbs.assessment.conversation import FINISHED, RED_FLAG, STOPPED, State

from ..entities import entities_of


class Practitioner:
    def __init__(self, nlp, owner: str = "hv.one"):
        self.nlp = nlp
        self.owner = owner
        self.state = State()
        self.turns = 0

    def start(self, text: str = "/start_assess") -> list[str]:
        turn = conversation.start(self.owner, text)
        self.state = turn.state
        return [m.text for m in turn.messages] + self._ask()

    def say(self, text: str) -> list[str]:
        """The whole reply to one message, as the chat shows it."""
        self.turns += 1
        turn = conversation.answer(self.state, self.owner, text, entities_of(self.nlp, text))
        said = [m.text for m in turn.messages]
        self.state = turn.state
        if self.state.outcome == RED_FLAG:
            turn = conversation.announce(self.state, self.owner)
            said += [m.text for m in turn.messages]
            self.state = turn.state
        if self.state.outcome in (STOPPED, FINISHED):
            turn = conversation.close(self.state, self.owner)
            self.state = turn.state
            return said + [m.text for m in turn.messages]
        return said + self._ask()

    def buttons(self) -> list[str]:
        return [b.payload for b in conversation.ask(self.state, self.owner).messages[-1].buttons]

    @property
    def open(self) -> bool:
        return self.state.step is not None

    def _ask(self) -> list[str]:
        return [m.text for m in conversation.ask(self.state, self.owner).messages]
