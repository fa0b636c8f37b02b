"""Search over all knowledge cards: three views of each card, combined into one ranking.

- BM25 over the card's terms (see ``terms``), each field's terms repeated by the field's
  weight, so a word in the title or tags counts for more than the same word in the answer.
- Cosine similarity of TF-IDF vectors over the same terms and their neighbouring pairs
  (so "face value" or "child protection" also count as phrases): bounded, so it also says
  how close the best card really is (``Hit.similarity``).
- Cosine similarity of TF-IDF vectors over character n-grams of the raw text, which survives
  paraphrase and word forms the lemmatiser misses ("premmie", "bedsharing").

Each view's scores are divided by that view's best score for the question and summed with
``VIEW_WEIGHTS``. The weights were chosen by leave-one-out over the cards' own example
questions and on tests/knowledge/dev_questions.yml, never on the held-out set.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import TfidfVectorizer

from kbs.knowledge.cards import Card
from kbs.knowledge.terms import Analyse

# How many times each field's terms count in a card's document.
FIELD_WEIGHTS = {"title": 2, "questions": 1, "tags": 2, "answer": 1}
VIEW_WEIGHTS = {"bm25": 1.0, "terms": 1.0, "characters": 1.0}
CHARACTER_NGRAMS = (3, 5)


@dataclass(frozen=True)
class Hit:
    card: Card
    score: float  # the combined ranking score
    similarity: float  # 0..1: cosine of the question's and the card's term vectors
    coverage: float  # 0..1: share of the question's informative weight found in the card


def card_fields(card: Card) -> dict[str, str]:
    return {
        "title": card.title,
        "questions": " ".join(card.questions),
        "tags": " ".join(card.tags),
        "answer": card.answer,
    }


class CardIndex:
    def __init__(self, cards: Sequence[Card], analyse: Analyse) -> None:
        if not cards:
            raise ValueError("a card index needs at least one card")
        self.cards = list(cards)
        self._analyse = analyse
        documents = [self._document(card) for card in self.cards]
        self._bm25 = BM25Okapi(documents)
        self._terms = TfidfVectorizer(analyzer=_with_pairs, sublinear_tf=True)
        self._term_vectors = self._terms.fit_transform(documents)
        self._characters = TfidfVectorizer(analyzer="char_wb", ngram_range=CHARACTER_NGRAMS,
                                           sublinear_tf=True)
        texts = [" ".join(card_fields(card).values()) for card in self.cards]
        self._character_vectors = self._characters.fit_transform(texts)
        self._vocabularies = [set(document) for document in documents]
        self._idf = _idf(self._vocabularies)
        self._max_idf = max(self._idf.values())
        self._common_idf = _idf_value(len(self.cards), len(self.cards) // 2)

    def search(self, question: str, limit: int = 3) -> list[Hit]:
        """The ``limit`` best cards for ``question``, best first (ties broken by card id)."""
        terms = self._analyse(question)
        similarity = _cosines(self._term_vectors, self._terms.transform([terms]))
        views = {
            "bm25": self._bm25.get_scores(terms),
            "terms": similarity,
            "characters": _cosines(self._character_vectors,
                                   self._characters.transform([question])),
        }
        scores = sum(weight * _scaled(views[name]) for name, weight in VIEW_WEIGHTS.items())
        hits = [
            Hit(card, float(scores[i]), float(similarity[i]),
                self._coverage(terms, self._vocabularies[i]))
            for i, card in enumerate(self.cards)
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.card.id))
        return hits[:limit]

    def _document(self, card: Card) -> list[str]:
        fields = card_fields(card)
        return [term for name, weight in FIELD_WEIGHTS.items()
                for term in self._analyse(fields[name]) * weight]

    def _coverage(self, terms: Iterable[str], vocabulary: set[str]) -> float:
        weights = {term: self._weight(term) for term in set(terms)}
        total = sum(weights.values())
        if not total:
            return 0.0
        return sum(weight for term, weight in weights.items() if term in vocabulary) / total

    def _weight(self, term: str) -> float:
        """How informative ``term`` is: a word in most cards ('baby') says nothing about which
        card is meant, and a word no card uses counts as much as the rarest."""
        if term not in self._idf:
            return self._max_idf
        return self._idf[term] if self._idf[term] > self._common_idf else 0.0


def _with_pairs(terms: list[str]) -> list[str]:
    """TfidfVectorizer's analyser for documents that are already lists of terms: the terms
    and each pair of neighbours."""
    return [*terms, *(f"{first} {second}" for first, second in itertools.pairwise(terms))]


def _cosines(vectors, query) -> np.ndarray:
    # TfidfVectorizer's rows have unit length, so the dot product is the cosine.
    return (vectors @ query.T).toarray().ravel()


def _scaled(scores: np.ndarray) -> np.ndarray:
    best = scores.max()
    return scores / best if best > 0 else scores


def _idf(vocabularies: Sequence[set[str]]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for vocabulary in vocabularies:
        for term in vocabulary:
            counts[term] = counts.get(term, 0) + 1
    return {term: _idf_value(len(vocabularies), count) for term, count in counts.items()}


def _idf_value(n: int, count: int) -> float:
    return math.log((n + 1) / (count + 1)) + 1.0
