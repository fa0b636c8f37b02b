"""Persona files (kbs/catalogues/personas/*.yml): read, check and hold them.

docs/PERSONAS.md describes the format for trainers. A file that breaks it is a
kbs.catalogues.CatalogueError naming the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kbs.catalogues import CatalogueError, Node, load
from kbs.rehearsal.moves import SMALL_TALK, Move, moves
from kbs.rehearsal.openness import LOWEST, MOST

PERSONAS_DIR = Path(__file__).resolve().parent.parent / "catalogues" / "personas"
REPLIES_PER_REACTION = 2  # at the least, so that a rehearsal does not feel scripted

PERSONA_FIELDS = ("id", "title", "name", "who", "briefing", "opening", "openness",
                  "hidden_facts", "reactions", "good_conversation", "learning_point")
FACT_FIELDS = ("id", "summary", "unlocked_by", "openness", "reveal", "deflect", "tip")
FACT_OPTIONAL_FIELDS = ("raised_by",)


@dataclass(frozen=True)
class Unlock:
    """What uncovers a fact: one of these moves, one of these topics, or (both given) both."""

    moves: tuple[str, ...]
    topics: tuple[str, ...]  # words or phrases; "drink*" also matches "drinks", "drinking"


@dataclass(frozen=True)
class HiddenFact:
    id: str
    summary: str  # for feedback: what there was to find out
    unlocked_by: Unlock
    openness: int  # the least openness at which the carer says it
    reveal: tuple[str, ...]  # the carer telling it
    deflect: tuple[str, ...]  # the carer steering away when asked too soon
    tip: str  # for feedback: what might have uncovered it
    # Words or phrases that name the fact itself (as topics are matched): a practitioner who
    # says one has raised the fact herself, and feedback counts it as covered even if the
    # carer never tells it. Narrower than the topics that unlock it; none: never raised.
    raised_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class LearningPoint:
    sections: str  # of review LDS19/OD20, e.g. "5.8, 5.14-5.15"
    text: str


@dataclass(frozen=True)
class Persona:
    id: str
    title: str
    name: str  # a fictional first name or a role, shown before the carer's lines
    who: str
    briefing: str  # what the practitioner knows before the visit
    opening: str
    openness: int  # at the start
    openness_changes: dict[str, int]  # this persona's own reaction to some moves
    hidden_facts: tuple[HiddenFact, ...]
    reactions: dict[str, tuple[str, ...]]  # move id (or small_talk) -> replies
    good_conversation: tuple[str, ...]
    learning_point: LearningPoint

    def fact(self, fact_id: str) -> HiddenFact:
        return next(fact for fact in self.hidden_facts if fact.id == fact_id)

    def openness_change(self, move: Move) -> int:
        return self.openness_changes.get(move.id, move.openness)


def read_persona(path: Path, known_moves: dict[str, Move]) -> Persona:
    doc = load(path)
    doc.only(PERSONA_FIELDS, ("openness_changes",))
    persona_id = doc.get("id").identifier()
    if persona_id != path.stem:
        doc.get("id").fail(f"is {persona_id!r} but must match the file name ({path.stem!r})")
    facts = tuple(_fact(node, known_moves) for node in doc.get("hidden_facts").items())
    _unique_ids(doc.get("hidden_facts"), facts)
    return Persona(
        id=persona_id, title=doc.get("title").text(), name=doc.get("name").text(),
        who=doc.get("who").text(), briefing=doc.get("briefing").text(),
        opening=doc.get("opening").text(), openness=doc.get("openness").integer(LOWEST, MOST),
        openness_changes=_openness_changes(doc, known_moves), hidden_facts=facts,
        reactions=_reactions(doc.get("reactions"), known_moves),
        good_conversation=doc.get("good_conversation").texts(),
        learning_point=_learning_point(doc.get("learning_point")),
    )


def read_personas(directory: Path = PERSONAS_DIR,
                  known_moves: dict[str, Move] | None = None) -> dict[str, Persona]:
    paths = sorted(directory.glob("*.yml"))
    if not paths:
        raise CatalogueError(directory, "holds no persona files (*.yml)")
    known_moves = known_moves or moves()
    return {persona.id: persona for persona in (read_persona(p, known_moves) for p in paths)}


@cache
def personas() -> dict[str, Persona]:
    return read_personas()


def _fact(node: Node, known_moves: dict[str, Move]) -> HiddenFact:
    node.only(FACT_FIELDS, FACT_OPTIONAL_FIELDS)
    return HiddenFact(
        id=node.get("id").identifier(), summary=node.get("summary").text(),
        unlocked_by=_unlock(node.get("unlocked_by"), known_moves),
        openness=node.get("openness").integer(LOWEST, MOST),
        reveal=node.get("reveal").texts(), deflect=node.get("deflect").texts(),
        tip=node.get("tip").text(),
        raised_by=_words(node.get("raised_by")) if node.has("raised_by") else (),
    )


def _unlock(node: Node, known_moves: dict[str, Move]) -> Unlock:
    node.mapping()
    node.only((), ("moves", "topics"))
    uncovering = [m.id for m in known_moves.values() if not m.shuts_down]
    chosen = node.get("moves").choices(uncovering) if node.has("moves") else ()
    topics = _words(node.get("topics")) if node.has("topics") else ()
    if not chosen and not topics:
        node.fail("must name moves, topics or both")
    return Unlock(chosen, topics)


def _words(node: Node) -> tuple[str, ...]:
    """Words or phrases matched in what the practitioner says (``drink*``: any word starting
    with "drink"); a * anywhere but at the end would never match, so it is an error."""
    words = tuple(word.lower() for word in node.texts())
    for i, word in enumerate(words):
        if "*" in word.removesuffix("*"):
            node.child(i, word).fail(f"is {word!r}: a * may only end a word or phrase")
    return words


def _unique_ids(node: Node, facts: tuple[HiddenFact, ...]) -> None:
    seen = set()
    for i, fact in enumerate(facts):
        if fact.id in seen:
            node.items()[i].get("id").fail(f"repeats the fact id {fact.id!r}")
        seen.add(fact.id)


def _openness_changes(doc: Node, known_moves: dict[str, Move]) -> dict[str, int]:
    if not doc.has("openness_changes"):
        return {}
    changes = {}
    for move_id, node in doc.get("openness_changes").entries():
        if move_id not in known_moves:
            node.fail(f"is not a move (moves: {', '.join(known_moves)})")
        changes[move_id] = node.integer(LOWEST - MOST, MOST - LOWEST)
    return changes


def _reactions(node: Node, known_moves: dict[str, Move]) -> dict[str, tuple[str, ...]]:
    node.only((*known_moves, SMALL_TALK))
    return {kind: node.get(kind).texts(at_least=REPLIES_PER_REACTION)
            for kind in (*known_moves, SMALL_TALK)}


def _learning_point(node: Node) -> LearningPoint:
    node.only(("sections", "text"))
    return LearningPoint(node.get("sections").text(), node.get("text").text())
