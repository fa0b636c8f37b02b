"""What the assistant says: text with optional buttons (a button's payload is sent as text);
the types are every mode's (``kbs.chat``)."""

from __future__ import annotations

from kbs.chat import Button, Message

__all__ = ["DONT_KNOW", "WHY", "Button", "Message"]

DONT_KNOW = Button("Don't know", "don't know")
WHY = Button("Why are you asking?", "why are you asking?")
