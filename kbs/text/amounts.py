"""Amounts of drink, kept as said: "2 cans", "half a bottle of wine", "20 units".

No amount is converted into units of alcohol: that needs the drink's strength and the
container's size, which a sentence rarely gives. A number of units is kept only where the
practitioner says units.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbs.text.lexicon import Drinks
from kbs.text.numbers import is_number, value_of
from kbs.text.words import Reading, find, words_of


@dataclass(frozen=True)
class Amount:
    said: str  # the words that say it, as read: "half a bottle of wine"
    measure: str  # unit, can, pint, glass or bottle (words.yml)
    count: float | None  # 2, 0.5; None for "a few", "several"
    drink: str | None = None  # "wine", when said
    units: float | None = None  # only where units are said


def amounts(reading: Reading, drinks: Drinks) -> tuple[Amount, ...]:
    """Every amount of drink said with how many ("2 cans", "a couple of glasses", "a few
    pints"); a measure said without a number ("from the bottle") is not an amount."""
    measure_of = {word: name for name, words in drinks.measures.items() for word in words}
    kinds = find(reading, drinks.kinds)
    found = []
    for i, word in enumerate(reading.words):
        if word not in measure_of:
            continue
        size_at = i - 1 if i and reading.words[i - 1] in drinks.sizes else i
        kind_before = next((k for k in kinds if k.end == size_at), None)
        head = kind_before.start if kind_before else size_at
        counted = _count(reading, head, drinks)
        if counted is None:
            continue
        start, number = counted
        end, drink = i + 1, kind_before.phrase if kind_before else None
        after = next((k for k in kinds if k.start == i + 2), None)
        if drink is None and after and reading.words[i + 1] == "of":
            end, drink = after.end, after.phrase
        measure = measure_of[word]
        found.append(Amount(" ".join(reading.words[start:end]), measure, number, drink,
                            number if measure == drinks.units else None))
    return tuple(found)


def _count(reading: Reading, head: int, drinks: Drinks) -> tuple[int, float | None] | None:
    """Where the number before a measure starts, and its value: "2", "two", "a", "half a",
    "a couple of", "a few" (no value)."""
    words = reading.words
    for phrase, value in (("half a", 0.5), ("half an", 0.5), ("a couple of", 2.0),
                          ("couple of", 2.0), ("a", 1.0), ("an", 1.0)):
        size = len(words_of(phrase))
        if head >= size and words[head - size:head] == words_of(phrase):
            return head - size, value
    for phrase in drinks.some:
        target = words_of(phrase)
        for start in (head - len(target), head - len(target) - 1):
            if start >= 0 and words[start:start + len(target)] == target and (
                    start + len(target) == head or words[head - 1] == "of"):
                begins = start - 1 if start and words[start - 1] == "a" else start
                return begins, None
    if head and is_number(words[head - 1]) and words[head - 1] not in ("a", "an"):
        return head - 1, value_of(words[head - 1])
    return None
