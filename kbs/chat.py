"""What the assistant says and does in one turn of a chat, as plain data.

Each mode's conversation module (``kbs.assessment.conversation``,
``kbs.safer_practice.conversation``, ``kbs.rehearsal.conversation``, ``kbs.knowledge.replies``)
answers a message with these; the Rasa actions (``actions/``) only turn them into Rasa's
messages and events. A message is text with buttons (a button's payload is sent as if typed),
or one of the Rasa domain's responses named by ``response``. The wording comes from the data
files: the catalogues (``kbs/catalogues``) or the Rasa domain (``bot/domain``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kbs.catalogues import Node


def link(label: str, url: str) -> str:
    """A link in a message, ``[label](url)``: the chat widget (web_widget/static/bot_text.js)
    and the plan pages (markdown-it) show it as ``label``, opening ``url``. Spaces and round
    brackets in the address are percent-encoded, so the address ends where the link does."""
    address = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{label}]({address})"


def source_title(node: Node) -> str:
    """A source's title from a catalogue, which messages show as a link's label: one line of
    text without square brackets (a label ends at the first "]")."""
    title = node.text()
    if "[" in title or "]" in title:
        node.fail("must not contain square brackets ([ or ]): it is shown as the label of "
                  "a link; use round brackets")
    return title


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    text: str = ""
    buttons: tuple[Button, ...] = ()
    response: str | None = None  # a response of the Rasa domain, said instead of text
    # A message refusing what the practitioner typed (kbs.identifying.screen): the words
    # refused. Rasa's conversation store keeps neither them nor the message that held them
    # (actions/turns.py passes them on as SCREENED; kbs.ops.tracker_redaction removes them).
    screened: tuple[str, ...] = ()


# The key of a bot message's metadata that carries Message.screened to the Rasa server.
SCREENED = "kbs_screened"


@dataclass(frozen=True)
class Turn:
    """What one action says, and the slots it sets (slot name -> new value); ``opens``
    names a form of the Rasa domain the conversation goes into after it, whose question
    the turn has already asked (the same-baby question after a plan is saved)."""

    messages: tuple[Message, ...] = ()
    slots: Mapping[str, Any] = field(default_factory=dict)
    opens: str | None = None


@dataclass(frozen=True)
class FormTurn(Turn):
    """A message taken by a form, and what the form does next: it goes on (asking for
    ``asking`` when the turn chooses the slot, else for the first empty one), it ends, or
    it rejects the message so that a rule answers it instead (help, the menu)."""

    asking: str | None = None
    ends: bool = False
    rejected: bool = False


@dataclass(frozen=True)
class Wording:
    """One message of a catalogue's ``messages`` section: text (one paragraph, or a list
    of paragraphs) with ``{placeholders}``, and optional buttons."""

    paragraphs: tuple[str, ...]
    buttons: tuple[Button, ...] = ()

    def say(self, **values: Any) -> Message:
        return Message("\n\n".join(p.format(**values) for p in self.paragraphs),
                       tuple(Button(b.title.format(**values), b.payload.format(**values))
                             for b in self.buttons))


def read_wording(node: Node) -> dict[str, Wording]:
    """A ``messages`` section: message id -> Wording (CatalogueError naming the field)."""
    return {key: _wording(entry) for key, entry in node.entries()}


def read_button(node: Node) -> Button:
    node.only(("title", "payload"))
    return Button(node.get("title").text(), node.get("payload").text())


def _wording(node: Node) -> Wording:
    node.only(("text",), ("buttons",))
    text = node.get("text")
    paragraphs = text.texts() if isinstance(text.value, list) else (text.text(),)
    buttons = node.get("buttons")
    return Wording(paragraphs, tuple(read_button(b) for b in buttons.items())
                   if buttons.value is not None else ())
