"""The feedback of a rehearsal in words, the same in the chat and on the rehearsal's page.

``feedback_sections`` words it as a list of sections (a paragraph, or a heading and a
list); ``feedback_text`` joins them as plain text for the chat (the widget shows no
markup), and the web app shows the same sections as headings and lists. ``transcript``
words the saved conversation for the page: who said what, and the practitioner's moves
by their labels. The wording is kbs/catalogues/rehearsal.yml's ``feedback`` and
``transcript``; the moves' labels are rehearsal_moves.yml's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR
from kbs.rehearsal import openness
from kbs.rehearsal.moves import SMALL_TALK, moves

WORDING_FILE = CATALOGUES_DIR / "rehearsal.yml"
FEEDBACK_IDS = ("opening", "score", "uncovered", "missed", "moves", "move_count", "no_moves",
                "openness", "moments", "moment", "good_conversation", "learning_point")
TRANSCRIPT_IDS = ("practitioner", "carer", "unknown_carer", "move", "small_talk", "uncovered")
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


@cache
def feedback_wording() -> dict[str, str]:
    return _section("feedback", FEEDBACK_IDS)


@cache
def transcript_wording() -> dict[str, str]:
    return _section("transcript", TRANSCRIPT_IDS)


def _section(name: str, ids: tuple[str, ...]) -> dict[str, str]:
    node = load(WORDING_FILE).get(name)
    node.only(ids)
    return {key: entry.text() for key, entry in node.entries()}


def feedback_sections(feedback: Mapping[str, Any]) -> list[Section]:
    words = feedback_wording()
    name = feedback["name"]
    sections = [Section(words["opening"].format(name=name, title=feedback["title"])),
                Section(words["score"].format(uncovered=len(feedback["uncovered"]),
                                              total=feedback["facts_total"]))]
    if feedback["uncovered"]:
        sections.append(Section(heading=words["uncovered"],
                                items=tuple(f["summary"] for f in feedback["uncovered"])))
    if feedback["missed"]:
        sections.append(Section(heading=words["missed"], items=tuple(
            f"{f['summary']} {f['tip']}" for f in feedback["missed"])))
    sections.append(Section(_moves(feedback["moves"], words)))
    sections.append(Section(words["openness"].format(
        name=name, start=openness.label(feedback["openness"]["start"]),
        end=openness.label(feedback["openness"]["end"]))))
    if feedback["moments"]:
        sections.append(Section(heading=words["moments"], items=tuple(
            words["moment"].format(quote=m["quote"], move=m["move"], comment=m["comment"])
            for m in feedback["moments"])))
    sections.append(Section(heading=words["good_conversation"],
                            items=tuple(feedback["good_conversation"])))
    point = feedback["learning_point"]
    sections.append(Section(words["learning_point"].format(sections=point["sections"],
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
    words = transcript_wording()
    carer = words["carer"].format(name=carer_name) if carer_name else words["unknown_carer"]
    facts = {f["id"]: f["summary"] for f in (feedback or {}).get("uncovered", [])}
    worded = []
    for line in lines:
        if line.get("speaker") != PRACTITIONER:
            worded.append(Line(carer, str(line.get("text", "")), practitioner=False))
            continue
        move = line.get("move")
        revealed = facts.get(line.get("revealed") or "")
        worded.append(Line(words["practitioner"], str(line.get("text", "")), practitioner=True,
                           move=words["move"].format(move=move_label(move)) if move else "",
                           uncovered=words["uncovered"].format(summary=revealed)
                           if revealed else ""))
    return worded


def move_label(move_id: str) -> str:
    """A move in plain words: its label in rehearsal_moves.yml (a move since removed from
    the catalogue is worded from its name, never shown as an id)."""
    if move_id == SMALL_TALK:
        return transcript_wording()["small_talk"]
    known = moves().get(move_id)
    return known.label if known else move_id.replace("_", " ")


def _moves(used: list[Mapping[str, Any]], words: Mapping[str, str]) -> str:
    if not used:
        return words["no_moves"]
    return words["moves"].format(moves=", ".join(
        words["move_count"].format(label=m["label"], count=m["count"]) for m in used))
