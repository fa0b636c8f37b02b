"""Case references are pseudonymous: chosen by the practitioner, never a name or a birth date."""

from __future__ import annotations

import re

from actions.identifying import date_in, long_number_in, name_like_word

MAX_LENGTH = 40  # the cases.reference column
ALLOWED = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _./#-]*")
EXAMPLE = "for example KBS-0427"


def check_reference(text: str) -> str | None:
    """Why ``text`` cannot be a case reference, or None when it can (after stripping)."""
    reference = text.strip()
    if not reference:
        return f"a case reference can't be empty ({EXAMPLE})."
    if len(reference) > MAX_LENGTH:
        return f"it is {len(reference)} characters long; a case reference has at most {MAX_LENGTH}."
    if not ALLOWED.fullmatch(reference):
        return "a case reference can only have letters, digits, spaces and - _ . / #."
    if found := date_in(reference):
        return (f"it contains a date ({found}). A date of birth identifies a baby, so it can't "
                "be part of a case reference.")
    if long_number_in(reference):
        return ("it contains a long number, like an NHS number. Use your own pseudonymous "
                f"reference ({EXAMPLE}).")
    if not any(c.isdigit() for c in reference):
        return f"it has no digits, so it could be a name. A reference needs a number ({EXAMPLE})."
    if found := name_like_word(reference):
        return f"'{found}' looks like a name. Use a reference without names ({EXAMPLE})."
    return None
