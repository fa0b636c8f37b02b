"""The words every mode reads the same way (kbs/catalogues/words.yml), checked when read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kbs.catalogues import Node, load
from kbs.paths import CATALOGUES_DIR

WORDS_FILE = CATALOGUES_DIR / "words.yml"


@dataclass(frozen=True)
class Cues:
    """Phrases said before and after a number that tell what it is said of."""

    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Drinks:
    measures: Mapping[str, tuple[str, ...]]  # measure -> the words that say it
    units: str  # the measure whose count is a number of units
    sizes: frozenset[str]
    some: tuple[str, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    negations: frozenset[str]
    mobile: tuple[str, ...]  # independent mobility: crawling, cruising, walking ...
    not_mobile: tuple[str, ...]  # not mobile said: "newborn", "not yet"
    not_independent: tuple[str, ...]  # rolling, sitting: not mobile, said or denied
    birth: Cues
    age: Cues
    birth_weight: Cues  # a weight said of the birth
    gestation_weeks: tuple[float, float]  # the plausible range
    birth_weight_kg: tuple[float, float]
    relation_sides: tuple[str, ...]
    children: frozenset[str]
    drinks: Drinks


@cache
def load_lexicon(path: Path = WORDS_FILE) -> Lexicon:
    doc = load(path)
    doc.only(("negations", "mobility", "weeks_of", "weight_of", "plausible", "relations",
              "drinks"))
    mobility, weeks_of, plausible = doc.get("mobility"), doc.get("weeks_of"), doc.get("plausible")
    relations = doc.get("relations")
    mobility.only(("mobile", "not_mobile", "not_independent"))
    weeks_of.only(("birth", "age"))
    doc.get("weight_of").only(("birth",))
    plausible.only(("gestation_weeks", "birth_weight_kg"))
    relations.only(("sides", "children"))
    return Lexicon(
        negations=frozenset(_phrases(doc.get("negations"))),
        mobile=_phrases(mobility.get("mobile")),
        not_mobile=_phrases(mobility.get("not_mobile")),
        not_independent=_phrases(mobility.get("not_independent")),
        birth=_cues(weeks_of.get("birth")),
        age=_cues(weeks_of.get("age")),
        birth_weight=_cues(doc.get("weight_of").get("birth")),
        gestation_weeks=_range(plausible.get("gestation_weeks"), 100),
        birth_weight_kg=_range(plausible.get("birth_weight_kg"), 20),
        relation_sides=_phrases(relations.get("sides")),
        children=frozenset(_phrases(relations.get("children"))),
        drinks=_drinks(doc.get("drinks")),
    )


def _phrases(node: Node) -> tuple[str, ...]:
    return tuple(text.lower() for text in node.texts())


def _cues(node: Node) -> Cues:
    node.only(("before", "after"))
    return Cues(_phrases(node.get("before")), _phrases(node.get("after")))


def _range(node: Node, highest: float) -> tuple[float, float]:
    items = node.items()
    if len(items) != 2 or items[0].number(0, highest) >= items[1].number(0, highest):
        node.fail("must be [lowest, highest]")
    return items[0].value, items[1].value


def _drinks(node: Node) -> Drinks:
    node.only(("measures", "units", "sizes", "some", "kinds"))
    measures = {name: _phrases(words) for name, words in node.get("measures").entries()}
    units = node.get("units").one_of(measures)
    return Drinks(measures, units, frozenset(_phrases(node.get("sizes"))),
                  _phrases(node.get("some")), _phrases(node.get("kinds")))
