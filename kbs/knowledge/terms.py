"""A text as search terms: spaCy lemmas from the project's pipeline, widened by the thesaurus.

The same analysis is applied to cards and questions, so "settee" in a question meets "sofa"
in a card (the entity ruler's value) and "infant" meets "baby" (the thesaurus,
kbs/catalogues/synonyms.yml).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR

Analyse = Callable[[str], list[str]]

SYNONYMS_FILE = CATALOGUES_DIR / "synonyms.yml"

# spaCy's stop list drops words that carry meaning here ("on its back", "left alone", "call 999").
_KEPT_STOP_WORDS = {"back", "alone", "call", "side"}
# Words about the asker's state of mind, not the topic ("I'm worried about ...").
_ASKER_WORDS = {"worry", "worried", "worrying", "concern", "concerned", "concerning"}
_STOP_WORDS = frozenset((STOP_WORDS - _KEPT_STOP_WORDS) | _ASKER_WORDS)
# People and services say who is involved more often than what is asked, so "mum's partner"
# counts once, as its recorded value ("partner"). Places and substances are what is asked
# about: "settee" counts as both "settee" and "sofa". (Chosen on the development set.)
_COUNTED_ONCE = {"relation", "agency"}


def load_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, str]:
    """Each word mapped to the key of its synonym group (see synonyms.yml); a malformed file
    raises kbs.catalogues.CatalogueError naming the file, the line and the field."""
    synonyms = {}
    for key, words in load(path).entries():
        synonyms.update((word, key) for word in words.texts())
    return synonyms


def lemma_analyser(nlp: Language, synonyms: Mapping[str, str] | None = None) -> Analyse:
    """Lower-case lemmas of content words, plus: hyphenated compounds written solid
    ('co-sleeping' also counts as 'cosleeping'), the value of each entity the project's ruler
    finds ('settee' also counts as 'sofa'; a person or service counts only as its value), and
    the key of each word's synonym group."""
    synonyms = synonyms or {}

    def analyse(text: str) -> list[str]:
        doc = nlp(text)
        counted_once = {token.i: ent for ent in doc.ents
                        if ent.ent_id_ and ent.label_ in _COUNTED_ONCE for token in ent}
        terms = []
        for token in doc:
            ent = counted_once.get(token.i)
            if ent is not None:
                terms += [ent.ent_id_] if token.i == ent.start else []
            elif _is_content(token):
                terms.append(token.lemma_.lower())
        terms += _solid_compounds(doc)
        terms += [ent.ent_id_ for ent in doc.ents
                  if ent.ent_id_ and ent.label_ not in _COUNTED_ONCE]
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
