"""Evaluation of the knowledge search: top-1 and top-3 card accuracy on questions worded
differently from the cards, and the "I don't know" reply on questions no card answers.

Two sets: the held-out set, written before tuning and only ever measured, and the
development set used for tuning (the cards' own example questions, each left out of its card
in turn, plus tests/knowledge/dev_*.yml).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kbs.catalogues import CatalogueError, Node, load
from kbs.knowledge.answer import KnowledgeBase
from kbs.knowledge.cards import Card
from kbs.knowledge.terms import Analyse
from kbs.paths import KNOWLEDGE_DIR, ROOT

EVAL_DIR = ROOT / "tests" / "knowledge"
HELDOUT_FILE = EVAL_DIR / "heldout_questions.yml"
UNANSWERABLE_FILE = EVAL_DIR / "unanswerable_questions.yml"
DEV_FILE = EVAL_DIR / "dev_questions.yml"
DEV_UNANSWERABLE_FILE = EVAL_DIR / "dev_unanswerable.yml"
TOP1_TARGET = 0.85
TOP3_TARGET = 0.95
MIN_SUGGESTIONS = 2


@dataclass(frozen=True)
class HeldOut:
    question: str
    card_id: str
    where: Node | None = field(default=None, compare=False, repr=False)  # the file's "card"


@dataclass(frozen=True)
class Outcome:
    item: HeldOut
    ranked: tuple[str, ...]  # the top three card ids, best first
    answered: str | None  # the card given as the answer, when the search was confident


@dataclass(frozen=True)
class Miss:
    question: str
    expected: str
    ranked: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    total: int
    top1: float
    top3: float
    answered_right: float  # confident answer with the expected card
    answered_wrong: float  # confident answer with another card
    top1_misses: tuple[Miss, ...]
    top3_misses: tuple[Miss, ...]
    unanswerable_total: int
    unanswerable_failures: tuple[tuple[str, str], ...]  # (question, what went wrong)

    @property
    def passed(self) -> bool:
        return (self.top1 >= TOP1_TARGET and self.top3 >= TOP3_TARGET
                and not self.unanswerable_failures)


def read_heldout(path: Path = HELDOUT_FILE) -> list[HeldOut]:
    """The questions of a file with the card that answers each; a malformed file raises
    kbs.catalogues.CatalogueError naming the file, the line and the field."""
    return [HeldOut(entry.get("question").raw_text(), entry.get("card").text(),
                    entry.get("card"))
            for entry in load(path).get("questions").items()]


def read_unanswerable(path: Path = UNANSWERABLE_FILE) -> list[str]:
    """The questions of a file that no card answers (as ``read_heldout``)."""
    return [entry.raw_text() for entry in load(path).get("questions").items()]


def evaluate(kb: KnowledgeBase, heldout: list[HeldOut], unanswerable: list[str]) -> EvalReport:
    known = {card.id for card in kb.cards}
    for item in heldout:
        if item.card_id in known:
            continue
        if item.where is not None:
            item.where.fail(f"is {item.card_id!r}, which is not a card in {KNOWLEDGE_DIR}")
        raise CatalogueError(KNOWLEDGE_DIR, f"has no card {item.card_id!r}, which the "
                                            f"question {item.question!r} names")
    return _report([outcome(kb, item) for item in heldout], kb, unanswerable)


def leave_one_out(cards: list[Card], analyse: Analyse) -> EvalReport:
    """Each card's example questions asked of a knowledge base without that question."""
    analyse = lru_cache(maxsize=None)(analyse)  # the same card texts are analysed per round
    outcomes = []
    for card in cards:
        for question in card.questions:
            rest = replace(card, questions=tuple(q for q in card.questions if q != question))
            kb = KnowledgeBase([rest if other is card else other for other in cards], analyse)
            outcomes.append(outcome(kb, HeldOut(question, card.id)))
    return _report(outcomes, None, [])


def outcome(kb: KnowledgeBase, item: HeldOut) -> Outcome:
    ranked = tuple(hit.card.id for hit in kb.search(item.question))
    reply = kb.ask(item.question)
    return Outcome(item, ranked, reply.card.id if reply.knows else None)


def _report(outcomes: list[Outcome], kb: KnowledgeBase | None,
            unanswerable: list[str]) -> EvalReport:
    total = len(outcomes)
    misses = [(o, Miss(o.item.question, o.item.card_id, o.ranked)) for o in outcomes]
    top1_misses = tuple(miss for o, miss in misses if o.ranked[0] != o.item.card_id)
    top3_misses = tuple(miss for o, miss in misses if o.item.card_id not in o.ranked)
    answered = [o for o in outcomes if o.answered]
    right = sum(o.answered == o.item.card_id for o in answered)
    return EvalReport(
        total=total,
        top1=(total - len(top1_misses)) / total,
        top3=(total - len(top3_misses)) / total,
        answered_right=right / total,
        answered_wrong=(len(answered) - right) / total,
        top1_misses=top1_misses,
        top3_misses=top3_misses,
        unanswerable_total=len(unanswerable),
        unanswerable_failures=tuple(_unanswerable_failures(kb, unanswerable) if kb else ()),
    )


def _unanswerable_failures(kb: KnowledgeBase, questions: list[str]) -> list[tuple[str, str]]:
    failures = []
    for question in questions:
        reply = kb.ask(question)
        if reply.knows:
            failures.append((question, f"answered with card {reply.card.id}"))
        elif len(reply.suggestions) < MIN_SUGGESTIONS:
            failures.append((question, f"only {len(reply.suggestions)} suggestion(s)"))
    return failures

