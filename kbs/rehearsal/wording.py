"""What Rehearse mode says around the carer, from kbs/catalogues/rehearsal.yml: the messages
of a rehearsal (``messages``: choosing a persona, the briefing, help, the carer's lines),
the phrases its feedback is made of (``feedback``) and the words of a saved conversation
on its page (``transcript``); ``feedback_text`` puts the last two together, for the chat
and the web app alike. This is the one reader of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Formatter

from kbs.catalogues import Node, load
from kbs.chat import Message, Wording, read_wording
from kbs.paths import CATALOGUES_DIR
from kbs.rehearsal.openness import LOWEST, MOST

WORDING_FILE = CATALOGUES_DIR / "rehearsal.yml"
MESSAGE_IDS = ("choose_persona", "choose_again", "no_such_persona", "briefing", "help",
               "unclear", "line_refused", "carer_says", "feedback", "saved", "not_saved")
# Each phrase of the feedback, and the words in braces it may use.
FEEDBACK_PHRASES = {
    "heading": {"name", "title"},
    "found_count": {"found", "total"},
    "raised_count": {"raised", "covered", "total"},
    "found": {"name"},
    "raised": {"name"},
    "missed": {"name"},
    "fact": {"summary", "tip"},
    "moves": {"moves"},
    "move": {"label", "count"},
    "no_moves": set(),
    "openness": {"name", "start", "end"},
    "moments": set(),
    "moment": {"quote", "move", "comment"},
    "near_miss": {"name", "openness", "tip"},
    "good_conversation": {"name"},
    "learning_point": {"sections", "text"},
}
OPENNESS_LABELS = "openness_labels"
# Each phrase of a saved conversation as its page shows it, and the words in braces it may use.
TRANSCRIPT_PHRASES = {
    "practitioner": set(),
    "carer": {"name"},
    "unknown_carer": set(),
    "move": {"move"},
    "small_talk": set(),
    "uncovered": {"summary"},
}


@dataclass(frozen=True)
class RehearsalWording:
    messages: dict[str, Wording]
    feedback: dict[str, str]  # phrase id -> text with {placeholders}
    openness_labels: tuple[str, ...]  # the name of each openness, LOWEST to MOST
    transcript: dict[str, str]  # phrase id -> text with {placeholders}

    def say(self, message_id: str, **values: object) -> Message:
        return self.messages[message_id].say(**values)

    def phrase(self, phrase_id: str, **values: object) -> str:
        return self.feedback[phrase_id].format(**values)

    def openness(self, value: int) -> str:
        return self.openness_labels[value]

    def transcript_phrase(self, phrase_id: str, **values: object) -> str:
        return self.transcript[phrase_id].format(**values)


def read_rehearsal_wording(path: Path = WORDING_FILE) -> RehearsalWording:
    doc = load(path)
    doc.only(("messages", "feedback", "transcript"))
    doc.get("messages").only(MESSAGE_IDS)
    feedback = doc.get("feedback")
    feedback.only((*FEEDBACK_PHRASES, OPENNESS_LABELS))
    labels = feedback.get(OPENNESS_LABELS)
    names = labels.texts()
    if len(names) != MOST - LOWEST + 1:
        labels.fail(f"must name each openness from {LOWEST} to {MOST} "
                    f"({MOST - LOWEST + 1} names, found {len(names)})")
    transcript = doc.get("transcript")
    transcript.only(TRANSCRIPT_PHRASES)
    return RehearsalWording(read_wording(doc.get("messages")),
                            _phrases(feedback, FEEDBACK_PHRASES), names,
                            _phrases(transcript, TRANSCRIPT_PHRASES))


def _phrases(node: Node, phrases: dict[str, set[str]]) -> dict[str, str]:
    return {key: _phrase(node.get(key), allowed) for key, allowed in phrases.items()}


def _phrase(node: Node, allowed: set[str]) -> str:
    text = node.text()
    try:
        used = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    except ValueError as err:
        node.fail(f"has a brace out of place ({err}); write {{{{ or }}}} for a brace itself")
    unknown = sorted(used - allowed)
    if unknown:
        node.fail(f"uses {{{unknown[0]}}}, which it cannot fill in (it can use: "
                  f"{', '.join(sorted(allowed)) or 'none'})")
    return text


@cache
def wording() -> RehearsalWording:
    return read_rehearsal_wording()
