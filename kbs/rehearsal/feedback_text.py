"""The feedback of a rehearsal (a dict from ``feedback.build_feedback``) in words, as the
practitioner reads it, the same in the chat and on the rehearsal's page.

``feedback_sections`` words it as a list of sections (a paragraph, or a heading and a
list); ``feedback_text`` joins them as plain text for the chat (the widget shows no
markup), and the web app shows the same sections as headings and lists. ``transcript``
words the saved conversation for the page: who said what, and the practitioner's moves
by their labels. Every phrase is kbs/catalogues/rehearsal.yml's (``feedback`` and
``transcript``, read by ``kbs.rehearsal.wording``); the moves' labels are
rehearsal_moves.yml's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kbs.rehearsal.moves import SMALL_TALK, moves
from kbs.rehearsal.wording import RehearsalWording, wording

PRACTITIONER = "practitioner"  # kbs.rehearsal.engine's speaker of the practitioner's lines


@dataclass(frozen=True)
class Section:
    """A paragraph (``text``), or a heading with a list of ``items``."""

    text: str = ""
    heading: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One line of the conversation, worded for a practitioner."""

    speaker: str
    text: str
    practitioner: bool
    move: str = ""  # what the practitioner's move was, in plain words
    uncovered: str = ""  # what it uncovered, if anything


def feedback_sections(feedback: Mapping[str, Any]) -> list[Section]:
    words = wording()
    name = feedback["name"]
    found, raised, total = (len(feedback["uncovered"]), len(feedback.get("raised", ())),
                            feedback["facts_total"])
    count = words.phrase("found_count", found=found, total=total)
    if raised:
        count += " " + words.phrase("raised_count", raised=raised, covered=found + raised,
                                    total=total)
    sections = [Section(words.phrase("heading", name=name, title=feedback["title"])),
                Section(count)]
    if feedback["uncovered"]:
        sections.append(Section(heading=words.phrase("found", name=name),
                                items=tuple(f["summary"] for f in feedback["uncovered"])))
    if raised:
        sections.append(Section(heading=words.phrase("raised", name=name),
                                items=_facts(words, feedback["raised"])))
    if feedback["missed"]:
        sections.append(Section(heading=words.phrase("missed", name=name),
                                items=_facts(words, feedback["missed"])))
    sections.append(Section(_moves(words, feedback["moves"])))
    start, end = feedback["openness"]["start"], feedback["openness"]["end"]
    sections.append(Section(words.phrase("openness", name=name, start=words.openness(start),
                                         end=words.openness(end))))
    if feedback["moments"]:
        sections.append(Section(heading=words.phrase("moments"), items=tuple(
            words.phrase("moment", quote=m["quote"], move=m["move"], comment=m["comment"])
            for m in feedback["moments"])))
    sections.append(Section(heading=words.phrase("good_conversation", name=name),
                            items=tuple(feedback["good_conversation"])))
    point = feedback["learning_point"]
    sections.append(Section(words.phrase("learning_point", sections=point["sections"],
                                         text=point["text"])))
    return sections


def feedback_text(feedback: Mapping[str, Any]) -> str:
    """The feedback as the chat shows it: paragraphs, and lists as "heading:" and "- item"."""
    return "\n\n".join(
        "\n".join([f"{s.heading}:", *(f"- {item}" for item in s.items)]) if s.heading
        else s.text for s in feedback_sections(feedback))


def transcript(lines: list[Mapping[str, Any]], feedback: Mapping[str, Any] | None,
               carer_name: str | None) -> list[Line]:
    """The saved conversation: the practitioner is "You", the carer is named, each move is
    its label, and a hidden fact uncovered is its summary (never an id)."""
    words = wording()
    carer = (words.transcript_phrase("carer", name=carer_name) if carer_name
             else words.transcript_phrase("unknown_carer"))
    facts = {f["id"]: f["summary"] for f in (feedback or {}).get("uncovered", [])}
    worded = []
    for line in lines:
        if line.get("speaker") != PRACTITIONER:
            worded.append(Line(carer, str(line.get("text", "")), practitioner=False))
            continue
        move = line.get("move")
        revealed = facts.get(line.get("revealed") or "")
        worded.append(Line(
            words.transcript_phrase("practitioner"), str(line.get("text", "")),
            practitioner=True,
            move=words.transcript_phrase("move", move=move_label(move)) if move else "",
            uncovered=words.transcript_phrase("uncovered", summary=revealed) if revealed
            else ""))
    return worded


def move_label(move_id: str) -> str:
    """A move in plain words: its label in rehearsal_moves.yml (a move since removed from
    the catalogue is worded from its name, never shown as an id)."""
    if move_id == SMALL_TALK:
        return wording().transcript_phrase("small_talk")
    known = moves().get(move_id)
    return known.label if known else move_id.replace("_", " ")


def _facts(words: RehearsalWording, facts: list[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(words.phrase("fact", summary=f["summary"], tip=f["tip"]) for f in facts)


def _moves(words: RehearsalWording, used: list[Mapping[str, Any]]) -> str:
    if not used:
        return words.phrase("no_moves")
    return words.phrase("moves", moves=", ".join(
        words.phrase("move", label=m["label"], count=m["count"]) for m in used))
