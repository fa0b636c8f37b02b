"""A practitioner's message as words and entity mentions, and how phrases are found in it:
the one tokeniser, phrase finder and negation scope of every mode.

Entities (relation, substance, sleep_place, agency) come from Rasa's NLU, which runs the
project's spaCy pipeline; here they are mapped onto a light tokenisation (no spaCy import,
so the action server stays small). Cleaning keeps every character's position, so the
entities' offsets still point at the right words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

TOKEN = re.compile(r"[a-z&]+?(?=n't\b)|n't|[0-9]+(?:\.[0-9]+)?|[a-z&]+|'[a-z]+|\S")
TAG = re.compile(r"<[^>]{0,200}>")
# A negation reaches a phrase across at most this many words, and never across these.
NEGATION_REACH = 3
SCOPE_BREAKS = frozenset({",", ".", ";", ":", "!", "?", "but", "although", "though", "and"})
PUNCTUATION = frozenset(",.;:!?()[]\"'-/")


@dataclass(frozen=True)
class Mention:
    label: str
    value: str
    start: int  # first word
    end: int  # after the last word


@dataclass(frozen=True)
class Match:
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    text: str  # the message without markup, original case
    words: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()

    @property
    def content_words(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if w not in PUNCTUATION)

    def mentioned(self, label: str) -> list[Mention]:
        return [m for m in self.mentions if m.label == label]


def clean(text: str) -> str:
    """Markup blanked out and typographic quotes made plain, keeping every position."""
    text = TAG.sub(lambda m: " " * len(m.group()), text)
    return text.replace("\u2019", "'").replace("\u2018", "'")


def read(text: str, entities: Iterable[Mapping[str, Any]] = ()) -> Reading:
    """Read a message; ``entities`` are Rasa's (entity, value, start, end character offsets)."""
    cleaned = clean(text)
    spans = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(cleaned.lower())]
    mentions = []
    for entity in entities:
        covered = [i for i, (start, end, _) in enumerate(spans)
                   if start < entity.get("end", -1) and end > entity.get("start", -1)]
        if covered and entity.get("entity") and entity.get("value") is not None:
            mentions.append(Mention(str(entity["entity"]), str(entity["value"]).lower(),
                                    covered[0], covered[-1] + 1))
    return Reading(cleaned.strip(), tuple(word for _, _, word in spans), tuple(mentions))


@cache
def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(m.group() for m in TOKEN.finditer(phrase.lower()))


def find(reading: Reading, phrases: Iterable[str]) -> list[Match]:
    """Every occurrence of the phrases, longest first; a match inside a longer one is dropped."""
    found = []
    for phrase in phrases:
        target = words_of(phrase)
        size = len(target)
        found += [Match(phrase, i, i + size) for i in range(len(reading.words) - size + 1)
                  if reading.words[i:i + size] == target]
    found.sort(key=lambda m: (m.start - m.end, m.start))
    kept: list[Match] = []
    for match in found:
        if not any(k.start <= match.start and match.end <= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def negated(reading: Reading, start: int, negations: frozenset[str], floor: int = 0) -> bool:
    """Whether a negation comes shortly before the word at ``start`` in the same clause
    (looking no further back than ``floor``)."""
    return any(word in negations for word in clause_before(reading, start, NEGATION_REACH,
                                                             floor))


def clause_before(reading: Reading, start: int, reach: int, floor: int = 0) -> list[str]:
    """Up to ``reach`` words before ``start``, nearest first, stopping at a clause break."""
    found = []
    for word in reversed(reading.words[max(floor, start - reach):start]):
        if word in SCOPE_BREAKS:
            break
        found.append(word)
    return found


def clause_after(reading: Reading, end: int, reach: int) -> list[str]:
    """Up to ``reach`` words from ``end`` on, leaving out hyphens and apostrophes standing
    alone ("three-month-old", "34 weeks' gestation"), stopping at a clause break."""
    found = []
    for word in reading.words[end:]:
        if word in SCOPE_BREAKS or len(found) == reach:
            break
        if word not in ("-", "'"):
            found.append(word)
    return found


def has_phrase(words: Sequence[str], phrases: Iterable[str]) -> bool:
    """Whether one of the phrases occurs in ``words`` (already lower case, as read)."""
    words = tuple(words)
    return any(words[i:i + len(target)] == target
               for target in map(words_of, phrases) for i in range(len(words)))


def starts_with(reading: Reading, phrases: Iterable[str]) -> Match | None:
    """The phrase the message opens with (after any punctuation), if any."""
    first = next((i for i, w in enumerate(reading.words) if w not in PUNCTUATION), None)
    if first is None:
        return None
    return next((m for m in find(reading, phrases) if m.start == first), None)


def is_phrase(reading: Reading, phrases: Sequence[str], ignored: Iterable[str] = ()) -> bool:
    """Whether the whole message, without the ``ignored`` phrases, is one of ``phrases``."""
    words = list(reading.content_words)
    for phrase in sorted(ignored, key=lambda p: -len(words_of(p))):
        target = list(words_of(phrase))
        for i in range(len(words) - len(target), -1, -1):
            if words[i:i + len(target)] == target:
                del words[i:i + len(target)]
    return tuple(words) in {tuple(w for w in words_of(p) if w not in PUNCTUATION)
                            for p in phrases}
