"""What the assistant says: text with optional buttons (a button's payload is sent as text).

The wording itself is assessment.yml's (``kbs.assessment.vocabulary.say`` and ``button``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    text: str
    buttons: tuple[Button, ...] = ()

