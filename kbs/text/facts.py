"""A practitioner's sentence read once into the facts every mode uses.

``read_facts("born at 34+2, 5lb 8oz")`` gives the gestation (34.3 weeks) and the weight
(2.49 kg); "she's 14 weeks" an age that may also be a gestation; "half a bottle of wine" an
amount; "she rolls" or "not crawling yet" that the baby is not independently mobile; "mum
and the maternal grandmother" (with the NLU's relation entities) the adults named. Each
mode then applies the facts to the question it asked: the Assess mode records them in the
profile, the Discuss mode answers its own questions from them, with the factor catalogue's
thresholds (preterm, low birth weight, under six months) in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kbs.text import numbers
from kbs.text.amounts import Amount, amounts
from kbs.text.lexicon import Cues, Lexicon, load_lexicon
from kbs.text.numbers import Length
from kbs.text.words import (
    Reading,
    clause_after,
    clause_before,
    find,
    has_phrase,
    negated,
    read,
)

CONTEXT_REACH = 3  # words either side of a length of time that say what it is of
BIRTH, AGE = "birth", "age"


@dataclass(frozen=True)
class Relation:
    """An adult named by relation (the NLU's relation entity), with a side if said."""

    relation: str  # mother, grandmother, partner ...
    side: str | None = None  # maternal or paternal

    @property
    def name(self) -> str:
        return f"{self.side} {self.relation}" if self.side else self.relation


@dataclass(frozen=True)
class Facts:
    reading: Reading  # the words and the entity mentions placed in them
    age_weeks: float | None = None  # a length of time said of age, or of nothing else
    gestation_weeks: float | None = None  # in weeks, said of birth or of nothing else, plausible
    birth_weight_kg: float | None = None  # a weight said with its unit, if plausible
    number: float | None = None  # the only number, said without a unit ("12", "3200")
    count: int | None = None  # the first whole number ("14 yes")
    amounts: tuple[Amount, ...] = ()  # of drink, as said
    mobile: bool | None = None  # independently mobile (True), or not: rolling, denied, newborn
    relations: tuple[Relation, ...] = ()  # adults named, not children, not denied
    negated: bool = False  # a negation anywhere in the sentence
    # The infant-block answers whose words say what they are of ("10 weeks old", "born at
    # 39+1", "3.4 kg at birth"): what can be taken whatever question was asked.
    explicit: frozenset[str] = frozenset()

    @property
    def infant(self) -> dict[str, Any]:
        """The facts said about the baby, as the profile's infant block names them (what the
        factor catalogue derives preterm, low birth weight, age and mobility from)."""
        said = {"age_weeks": self.age_weeks, "gestation_weeks": self.gestation_weeks,
                "birth_weight_kg": self.birth_weight_kg, "mobile": self.mobile}
        return {name: value for name, value in said.items() if value is not None}

    def weeks(self, of: str) -> float | None:
        """The answer to a question that asks for the age (``AGE``) or the gestation
        (``BIRTH``) in weeks: the length said, else a bare number."""
        said = self.age_weeks if of == AGE else self.gestation_weeks
        if said is not None or self.number is None:
            return said
        return self.number if of == AGE or _plausible(self.number, _lexicon().gestation_weeks) \
            else None

    def kilograms(self) -> float | None:
        """The answer to a question that asks for the birth weight: the weight said, else a
        bare number (grams when over 100)."""
        if self.birth_weight_kg is not None or self.number is None:
            return self.birth_weight_kg
        weight = numbers.as_kilograms(self.number)
        return weight if _plausible(weight, _lexicon().birth_weight_kg) else None


def read_facts(text: str, entities: Iterable[Mapping[str, Any]] = ()) -> Facts:
    """Read a message once. ``entities`` are Rasa's (entity, value, and start and end
    character offsets when known: an entity without them is known only by its value)."""
    entities = list(entities)
    reading = read(text, entities)
    lexicon = _lexicon()
    measures = frozenset(w for words in lexicon.drinks.measures.values() for w in words)
    said: dict[str | None, list[Length]] = {AGE: [], BIRTH: [], None: []}
    for length in numbers.lengths(reading):
        said[_said_of(reading, length, lexicon)].append(length)
    gestation = next((length.weeks for length in (*said[BIRTH], *said[None])
                      if length.in_weeks and _plausible(length.weeks, lexicon.gestation_weeks)),
                     None)
    weight = numbers.kilograms(reading)
    explicit = {name for name, said_so in (
        ("age_weeks", bool(said[AGE])),
        ("gestation_weeks", any(length.in_weeks and _plausible(
            length.weeks, lexicon.gestation_weeks) for length in said[BIRTH])),
        ("birth_weight_kg", _weight_of_birth(reading, lexicon))) if said_so}
    drinks = amounts(reading, lexicon.drinks)
    return Facts(
        reading=reading,
        age_weeks=next((length.weeks for length in (*said[AGE], *said[None])), None),
        gestation_weeks=gestation,
        birth_weight_kg=weight if weight is not None and _plausible(
            weight, lexicon.birth_weight_kg) else None,
        number=None if drinks else numbers.bare(reading, measures),
        count=numbers.count(reading),
        amounts=drinks,
        mobile=_mobile(reading, lexicon),
        relations=_relations(reading, entities, lexicon),
        negated=any(word in lexicon.negations for word in reading.words),
        explicit=frozenset(explicit),
    )


def _weight_of_birth(reading: Reading, lexicon: Lexicon) -> bool:
    """Whether the first weight said is said of the birth ("3.4 kg at birth")."""
    span = numbers.weight_span(reading)
    if span is None:
        return False
    after = clause_after(reading, span[1], CONTEXT_REACH)
    before = clause_before(reading, span[0], CONTEXT_REACH)[::-1]
    return has_phrase(after, lexicon.birth_weight.after) or has_phrase(
        before, lexicon.birth_weight.before)


def _lexicon() -> Lexicon:
    return load_lexicon()


def _plausible(value: float, limits: tuple[float, float]) -> bool:
    return limits[0] <= value <= limits[1]


def _said_of(reading: Reading, length: Length, lexicon: Lexicon) -> str | None:
    """Whether a length of time is said of the birth, of age, or of neither; what follows it
    ("10 weeks old", "34 weeks' gestation") counts before what comes before it."""
    if length.plus_days:
        return BIRTH
    after = clause_after(reading, length.end, CONTEXT_REACH)
    before = clause_before(reading, length.start, CONTEXT_REACH)[::-1]
    for words, side in ((after, "after"), (before, "before")):
        for name, cues in ((BIRTH, lexicon.birth), (AGE, lexicon.age)):
            if has_phrase(words, _side(cues, side)):
                return name
    return None


def _side(cues: Cues, side: str) -> tuple[str, ...]:
    return cues.after if side == "after" else cues.before


def _mobile(reading: Reading, lexicon: Lexicon) -> bool | None:
    """Whether the baby is independently mobile. True for independent mobility said
    ("crawling"); False for rolling or sitting, said or denied ("rolls", "not rolling yet":
    neither is independent mobility), for a not-mobile phrase ("not yet", "newborn") or for
    independent mobility denied ("not crawling"); a denied not-mobile phrase says nothing.
    True wins when both are said ("rolls and crawls")."""
    said = set()
    for match in find(reading, lexicon.mobile):
        said.add(not _denied(reading, match.start, lexicon))
    for match in find(reading, lexicon.not_mobile):
        if not _denied(reading, match.start, lexicon):
            said.add(False)
    if find(reading, lexicon.not_independent):
        said.add(False)
    return True if True in said else False if said else None


def _denied(reading: Reading, start: int, lexicon: Lexicon) -> bool:
    """A phrase denied by a negation before it; a phrase that is itself a negation ("not
    yet") is not turned round."""
    return reading.words[start] not in lexicon.negations and negated(
        reading, start, lexicon.negations)


def _relations(reading: Reading, entities: list[Mapping[str, Any]],
               lexicon: Lexicon) -> tuple[Relation, ...]:
    """Adults named by relation, in the order named, each once: a child ("sibling") or an
    adult denied ("no dad around") is left out. An entity known only by its value (no
    offsets) is taken as named."""
    named: list[Relation] = []
    for mention in reading.mentioned("relation"):
        if mention.value in lexicon.children or negated(reading, mention.start,
                                                         lexicon.negations):
            continue
        sides = [w for w in reading.words[max(0, mention.start - 1):mention.start + 1]
                 if w in lexicon.relation_sides]
        named.append(Relation(mention.value, sides[0] if sides else None))
    named += [Relation(str(e["value"]).lower()) for e in entities
              if e.get("entity") == "relation" and e.get("value") is not None
              and "start" not in e and str(e["value"]).lower() not in lexicon.children]
    return tuple(dict.fromkeys(named))
