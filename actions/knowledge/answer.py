"""The answer logic shared by the Rasa fallback action and `kbs ask`.

A question gets the best card, with its sources, only when the match is confident. Otherwise
the reply says it does not know and offers the nearest cards: it never builds an answer of
its own. A question about a live case also carries the urgent routes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from actions.knowledge.cards import Card, load_cards
from actions.knowledge.live_case import LiveCase, recognise_live_case
from actions.knowledge.search import Analyse, CardIndex, Hit, lemma_analyser, load_synonyms
from actions.nlp.pipeline import load_pipeline

# Share of the question's informative words the best card must contain to be given as the
# answer. Chosen on the cards' own example questions (left out one at a time) and a separate
# set of off-topic questions, not on the held-out evaluation set.
CONFIDENT_COVERAGE = 0.6
SUGGESTIONS = 3
# Offered when fewer than two cards share any word with the question: the three steps for
# baby safety (safe sleep, safe handling) and where to find local help.
BASICS = ("safer_sleep_basics", "icon_crying", "keeping_babies_safe_strategy")


@dataclass(frozen=True)
class Reply:
    question: str
    card: Card | None  # the answer, when the match is confident
    suggestions: tuple[Card, ...]  # the nearest cards, when it is not
    live_case: LiveCase | None
    coverage: float  # of the best match, for logs and evaluation

    @property
    def knows(self) -> bool:
        return self.card is not None


class KnowledgeBase:
    def __init__(self, cards: list[Card], analyse: Analyse,
                 confident_coverage: float = CONFIDENT_COVERAGE) -> None:
        self._index = CardIndex(cards, analyse)
        self._by_id = {card.id: card for card in cards}
        self._confident_coverage = confident_coverage

    @property
    def cards(self) -> list[Card]:
        return list(self._by_id.values())

    def card(self, card_id: str) -> Card:
        """The card with this id (KeyError if there is none), e.g. for a retrieval intent."""
        return self._by_id[card_id]

    def search(self, question: str, limit: int = SUGGESTIONS) -> list[Hit]:
        return self._index.search(question, limit)

    def ask(self, question: str) -> Reply:
        hits = self.search(question)
        live_case = recognise_live_case(question)
        best = hits[0]
        if best.score > 0 and best.coverage >= self._confident_coverage:
            return Reply(question, best.card, (), live_case, best.coverage)
        return Reply(question, None, self._suggestions(hits), live_case, best.coverage)

    def _suggestions(self, hits: list[Hit]) -> tuple[Card, ...]:
        nearest = [hit.card for hit in hits if hit.score > 0]
        if len(nearest) >= 2:
            return tuple(nearest)
        basics = [self._by_id[card_id] for card_id in BASICS if card_id in self._by_id]
        return tuple(dict.fromkeys(nearest + basics))[:SUGGESTIONS]


@lru_cache(maxsize=1)
def default_knowledge_base() -> KnowledgeBase:
    """The knowledge base over the project's cards and spaCy pipeline, built once."""
    return KnowledgeBase(load_cards(), lemma_analyser(load_pipeline(), load_synonyms()))


def answer_question(question: str) -> Reply:
    return default_knowledge_base().ask(question)
