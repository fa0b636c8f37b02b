"""What the assistant says: text with optional buttons (a button's payload is sent as text);
the types are every mode's (``kbs.chat``). The wording itself is assessment.yml's
(``kbs.assessment.vocabulary.say`` and ``button``)."""

from __future__ import annotations

from kbs.chat import Button, Message

__all__ = ["Button", "Message"]
