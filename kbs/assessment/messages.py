"""What the assistant says: text with optional buttons (a button's payload is sent as text)."""

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


DONT_KNOW = Button("Don't know", "don't know")
WHY = Button("Why are you asking?", "why are you asking?")
