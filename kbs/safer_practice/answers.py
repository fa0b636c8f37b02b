"""The answers a discussion records, and the status they give a profile factor."""

from __future__ import annotations

YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = (YES, NO, UNKNOWN)


def risk_status(answer: str | None, when: str) -> str:
    """The status (docs/PROFILE-FORMAT.md) of a risk that is there when the answer is ``when``.

    An answer not given, or "not sure", is ``unknown``: never counted as safe.
    """
    if answer in (None, UNKNOWN):
        return "unknown"
    return "present" if answer == when else "absent"
