"""Search over all knowledge cards: spaCy lemmas from the project's pipeline, ranked by BM25.

Each card is one BM25 document in which a field's words are repeated by the field's weight,
so a word in the title or tags counts for more than the same word in the answer. (Separate
per-field indexes and scikit-learn TF-IDF ranked worse on the cards' own example questions.)
Alongside the score each hit carries its ``coverage``: how much of the question's informative
vocabulary the card contains. Coverage, not the unbounded BM25 score, says whether a match
is confident.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rank_bm25 import BM25Okapi
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from actions.knowledge.cards import Card

Analyse = Callable[[str], list[str]]

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")

# spaCy's stop list drops words that carry meaning here ("on its back", "left alone", "call 999").
_KEPT_STOP_WORDS = {"back", "alone", "call", "side"}
# Words about the asker's state of mind, not the topic ("I'm worried about ...").
_ASKER_WORDS = {"worry", "worried", "worrying", "concern", "concerned", "concerning"}
_STOP_WORDS = frozenset((STOP_WORDS - _KEPT_STOP_WORDS) | _ASKER_WORDS)

# How many times each field's words count in a card's document.
FIELD_WEIGHTS = {"title": 2, "questions": 1, "tags": 2, "answer": 1}


@dataclass(frozen=True)
class Hit:
    card: Card
    score: float
    coverage: float  # 0..1: share of the question's informative weight found in the card


def load_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, str]:
    """Each word mapped to the key of its synonym group (see synonyms.yml)."""
    try:
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{path}: cannot be read ({err})") from err
    if not isinstance(groups, dict):
        raise ValueError(f"{path}: must map each key to a list of words")
    synonyms = {}
    for key, words in groups.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"{path}: '{key}' must be a list of words")
        synonyms.update((word, str(key)) for word in words)
    return synonyms


def lemma_analyser(nlp: Language, synonyms: Mapping[str, str] | None = None) -> Analyse:
    """Lower-case lemmas of content words, plus: hyphenated compounds written solid
    ('co-sleeping' also counts as 'cosleeping'), the value of each entity the project's ruler
    finds ('settee' also counts as 'sofa'), and the key of each word's synonym group."""
    synonyms = synonyms or {}

    def analyse(text: str) -> list[str]:
        doc = nlp(text)
        terms = [token.lemma_.lower() for token in doc if _is_content(token)]
        terms += _solid_compounds(doc)
        terms += [ent.ent_id_ for ent in doc.ents if ent.ent_id_]
        terms += [synonyms[term] for term in terms if term in synonyms]
        return terms

    return analyse


def _is_content(token: Token) -> bool:
    # norm_ catches contractions: "wo" (won't) normalises to "will"
    words = {token.lower_, token.norm_, token.lemma_.lower()}
    return any(ch.isalnum() for ch in token.text) and not words & _STOP_WORDS


def _solid_compounds(doc: Doc) -> list[str]:
    return [
        doc[i - 1].lower_ + doc[i + 1].lower_
        for i in range(1, len(doc) - 1)
        if doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
        and doc[i - 1].is_alpha and doc[i + 1].is_alpha
    ]


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
        self._vocabularies = [set(document) for document in documents]
        self._idf = _idf(self._vocabularies)
        self._max_idf = max(self._idf.values())
        self._common_idf = _idf_value(len(self.cards), len(self.cards) // 2)

    def search(self, question: str, limit: int = 3) -> list[Hit]:
        """The ``limit`` best cards for ``question``, best first (ties broken by card id)."""
        terms = self._analyse(question)
        scores = self._bm25.get_scores(terms)
        hits = [
            Hit(card, float(scores[i]), self._coverage(terms, self._vocabularies[i]))
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


def _idf(vocabularies: Sequence[set[str]]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for vocabulary in vocabularies:
        for term in vocabulary:
            counts[term] = counts.get(term, 0) + 1
    return {term: _idf_value(len(vocabularies), count) for term, count in counts.items()}


def _idf_value(n: int, count: int) -> float:
    return math.log((n + 1) / (count + 1)) + 1.0
