"""Which ``/...`` messages the chat proxy sends to Rasa as they are.

A message starting with ``/`` is not read by Rasa's NLU: ``/intent{"entity": "value"}``
sets the intent at confidence 1 and the entities to any value. The buttons are made of
such payloads; a practitioner typing one by hand could force any intent with any value.
So a ``/...`` message goes to Rasa as it is only when it is the payload of one of the
buttons the practitioner was just shown in this conversation; anything else starting with
``/`` goes as plain words (its leading slashes taken off), which the NLU reads like any
other message.

The buttons last shown are kept here, in the web app, for each conversation (never in the
browser, which could change them): from each answer of Rasa, or, when the web app has
none for the conversation (after it restarted), from the conversation's tracker.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

INTENT_PREFIX = "/"  # Rasa's INTENT_MESSAGE_PREFIX
MOST_CONVERSATIONS = 10_000  # the oldest are forgotten (and read again from the tracker)


class OfferedButtons:
    """The payloads of the buttons each conversation (sender id) was last shown."""

    def __init__(self, most: int = MOST_CONVERSATIONS):
        self.most = most
        self._offered: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, sender: str, messages: Iterable[dict]) -> None:
        """The bot's ``messages`` of the latest turn were shown: their buttons are the ones
        that can be pressed now (none when they have none)."""
        payloads = frozenset(button["payload"].strip() for message in messages
                             if message.get("from") == "bot"
                             for button in message.get("buttons") or [])
        with self._lock:
            self._offered[sender] = payloads
            self._offered.move_to_end(sender)
            while len(self._offered) > self.most:
                self._offered.popitem(last=False)

    def known(self, sender: str) -> frozenset[str] | None:
        with self._lock:
            return self._offered.get(sender)


def last_turn(history: list[dict]) -> list[dict]:
    """The bot's messages since the practitioner's last message (the widget's history)."""
    said = [n for n, message in enumerate(history) if message.get("from") == "you"]
    return history[said[-1] + 1:] if said else history


def for_rasa(text: str, sender: str, offered: OfferedButtons,
             history: Callable[[], list[dict]]) -> str:
    """What to send to Rasa for ``text``: a button's payload when it is one of the buttons
    just shown, else plain words ("" when nothing but slashes was typed). ``history``
    gives the conversation from the tracker when the buttons shown are not known here."""
    words = text.strip()  # as Rasa strips a message before reading it
    if not words.startswith(INTENT_PREFIX):
        return text
    shown = offered.known(sender)
    if shown is None:
        offered.remember(sender, last_turn(history()))
        shown = offered.known(sender) or frozenset()
    if words in shown:
        return words
    while words.startswith(INTENT_PREFIX):
        words = words[len(INTENT_PREFIX):].strip()
    return words
