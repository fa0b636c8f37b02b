"""Read the entity pattern files (YAML a reviewer can read) into spaCy ruler patterns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kbs.catalogues import CatalogueError, load


@dataclass(frozen=True)
class EntityTerms:
    label: str
    values: dict[str, list[str]]  # recorded value -> words practitioners use


def read_pattern_file(path: Path) -> EntityTerms:
    """One entity's words; a malformed file raises kbs.catalogues.CatalogueError naming the
    file, the line and the field."""
    doc = load(path)
    label = doc.get("label").text()
    return EntityTerms(label, {value: list(words.texts())
                               for value, words in doc.get("values").entries()})


def read_pattern_dir(directory: Path) -> list[EntityTerms]:
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise CatalogueError(directory, "holds no pattern files (*.yml)")
    return [read_pattern_file(path) for path in files]


def word_forms(word: str) -> list[str]:
    """The word and its simple plural, so that 'sofas' and 'grannies' still match."""
    word = word.lower()
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    elif word.endswith("s"):
        return [word]
    elif word.endswith(("x", "ch", "sh")):
        plural = word + "es"
    else:
        plural = word + "s"
    return [word, plural]


def ruler_patterns(terms: EntityTerms, tokenize) -> list[dict]:
    """Token patterns for spaCy's entity_ruler; ``tokenize`` splits as the pipeline does."""
    patterns = []
    for value, words in terms.values.items():
        for word in words:
            tokens = [t.lower() for t in tokenize(word)]
            *head, last = tokens
            pattern = [{"LOWER": t} for t in head] + [{"LOWER": {"IN": word_forms(last)}}]
            patterns.append({"label": terms.label, "pattern": pattern, "id": value})
    return patterns


def synonyms(terms: EntityTerms) -> dict[str, list[str]]:
    """Every surface form (with plurals) of each value, for Rasa's EntitySynonymMapper."""
    result = {}
    for value, words in terms.values.items():
        forms = {form for word in words for form in _phrase_forms(word)} - {value}
        result[value] = sorted(forms)
    return result


def _phrase_forms(phrase: str) -> list[str]:
    *head, last = phrase.lower().split(" ")
    return [" ".join([*head, form]) for form in word_forms(last)]
