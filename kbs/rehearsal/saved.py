"""A saved rehearsal as its page in the web app shows it: the feedback in the chat's words
(kbs.rehearsal.feedback_text), then the conversation with the moves in plain words.

The web app only renders what this gives: no persona id, move id or fact id reaches the
page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kbs.catalogues import CatalogueError
from kbs.rehearsal.feedback_text import Line, Section, feedback_sections, transcript
from kbs.rehearsal.personas import personas


@dataclass(frozen=True)
class SavedRehearsal:
    name: str | None  # the carer's name, when the persona is known
    title: str  # what the rehearsal was about: the persona's title
    sections: tuple[Section, ...]  # the feedback; empty when not finished
    lines: tuple[Line, ...]
    finished: bool
    feedback_unreadable: bool = False  # saved in a form this version cannot word


def persona_title(persona_id: str, feedback: Mapping[str, Any] | None = None) -> tuple[
        str | None, str]:
    """(the carer's name, the persona's title): from the saved feedback, else from the
    persona file, else the id in words (a persona since removed)."""
    if isinstance(feedback, Mapping) and feedback.get("title"):
        return feedback.get("name"), str(feedback["title"])
    try:
        persona = personas().get(persona_id)
    except CatalogueError:  # a persona file with a mistake: the page still shows
        persona = None
    if persona is not None:
        return persona.name, persona.title
    words = persona_id.replace("_", " ")
    return None, words[:1].upper() + words[1:]


def saved_rehearsal(persona_id: str, transcript_lines: list[Mapping[str, Any]] | None,
                    feedback: Mapping[str, Any] | None) -> SavedRehearsal:
    name, title = persona_title(persona_id, feedback)
    sections: tuple[Section, ...] = ()
    unreadable = False
    if feedback:
        try:
            sections = tuple(feedback_sections(feedback))
        except (KeyError, TypeError, ValueError, IndexError):
            unreadable = True
    lines = [line for line in transcript_lines or [] if isinstance(line, Mapping)]
    return SavedRehearsal(name, title, sections,
                          tuple(transcript(lines, feedback if not unreadable else None, name)),
                          finished=bool(feedback), feedback_unreadable=unreadable)
