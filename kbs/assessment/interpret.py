"""What a message means for the question asked: commands, status and source, extra details,
wider family, the judgement level.

``read_message`` reads a message once (``kbs.text.read_facts``, the reader every mode uses,
and the command check); the functions below give its meaning for one kind of question, from
those facts and the Assess vocabulary's phrases. Every reader returns None when it cannot
tell, so the dialogue asks again rather than guess, and UNKNOWN when the practitioner says
they do not know. A concern voiced with a hedge ("I think she drinks") is recorded as
present: a suspicion is never dropped (review 7.12).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kbs.assessment.vocabulary import COMMANDS, Cues, Vocabulary
from kbs.text import Facts, read_facts
from kbs.text.words import PUNCTUATION, Reading, find, is_phrase, negated, starts_with

UNKNOWN = "unknown"
FLIPPED = {"present": "absent", "absent": "present", True: False, False: True}
SOURCE_ORDER = ("observed", "professional", "wider_family", "carer_account")
SPEAKER_REACH = 3
CONTACT_ORDER = ("refused", "not_yet", "made")
LEVEL_WORDS = re.compile(r"^\W*(level\s*)?[1-4]\b\W*|\W*(level\s*)?\b[1-4]\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Said:
    """A message read once: its facts (kbs.text), the command it is if it is one, and the
    red-flag matters it mentions whatever was asked."""

    facts: Facts
    command: str | None
    noticed: frozenset[str]

    @property
    def reading(self) -> Reading:
        return self.facts.reading


@dataclass(frozen=True)
class Status:
    status: str | None  # present | absent | unknown; None when it cannot tell
    source: str | None = None
    note: str = ""


def read_message(text: str, entities: Iterable[Mapping[str, Any]],
                 vocab: Vocabulary) -> Said:
    """The one reading of a practitioner's message; everything after applies it."""
    facts = read_facts(text, entities)
    return Said(facts, command(facts.reading, vocab), frozenset(noticed(facts.reading, vocab)))


def command(reading: Reading, vocab: Vocabulary) -> str | None:
    """skip, back, why, stop, help or where, when that is the whole message."""
    for name in COMMANDS:
        if is_phrase(reading, vocab.commands[name], vocab.polite):
            return name
    return "why" if reading.content_words[:1] == ("why",) else None


def said_unknown(reading: Reading, vocab: Vocabulary) -> bool:
    return bool(find(reading, vocab.unknown))


def status(facts: Facts, cues: Cues | None, vocab: Vocabulary,
           household: Iterable[str] = ()) -> Status:
    """Present, absent or unknown for a factor, with the source when the text says it."""
    reading = facts.reading
    lead, values = _lead_and_cued(reading, cues, vocab, ("present", "absent"))
    cued = "present" if "present" in values else "absent" if values else None
    hedged = bool(find(reading, vocab.hedges))
    if lead == UNKNOWN:
        found = "present" if cued == "present" and hedged else UNKNOWN
    elif lead:
        found = lead if cued in (None, lead) else None
    elif cued:
        found = UNKNOWN if said_unknown(reading, vocab) and not hedged else cued
    else:
        found = UNKNOWN if said_unknown(reading, vocab) else None
    if found in (None, UNKNOWN):
        return Status(found)
    return Status(found, source(reading, vocab, household), _terms(facts, cues))


def yes_no(reading: Reading, cues: Cues | None, vocab: Vocabulary) -> bool | str | None:
    """True, False, UNKNOWN, or None when it cannot tell."""
    lead, values = _lead_and_cued(reading, cues, vocab, (True, False))
    cued = True if True in values else False if values else None
    lead = {"present": True, "absent": False}.get(lead, lead)
    if lead == UNKNOWN or (lead is None and cued is None and said_unknown(reading, vocab)):
        return UNKNOWN
    if lead is None:
        return cued
    return lead if cued in (None, lead) else None


def mobility(facts: Facts, vocab: Vocabulary) -> bool | str | None:
    """The answer to "is the baby independently mobile?": True, False, UNKNOWN or None.

    The mobility the words say comes first (kbs.text): rolling or sitting is not independent
    mobility, so "yes, she rolls" is False. Otherwise the opening yes, no or don't know.
    Independent mobility said after an opening no ("no, she crawls") cannot be told apart,
    and is asked again; with a doubt ("not sure if she's crawling") it is not known.
    """
    if facts.mobile is False:
        return False
    if facts.mobile is True:
        if said_unknown(facts.reading, vocab):  # "not sure if she's crawling": never mobile
            return UNKNOWN
        return None if _lead(facts.reading, vocab, [])[0] == "absent" else True
    return yes_no(facts.reading, None, vocab)


def choice(reading: Reading, cues: Cues, vocab: Vocabulary) -> Any:
    """One of the cued values, UNKNOWN, or None when none or several match."""
    if said_unknown(reading, vocab):
        return UNKNOWN
    _, values = _lead_and_cued(reading, cues, vocab, ())
    return values.pop() if len(values) == 1 else None


def choices(reading: Reading, cues: Cues, vocab: Vocabulary) -> tuple[str, ...] | str | None:
    """The cued values named (in the catalogue's order), (), UNKNOWN, or None."""
    lead, values = _lead_and_cued(reading, cues, vocab, ())
    if values:
        return tuple(value for value in cues.phrases if value in values)
    if said_unknown(reading, vocab):
        return UNKNOWN
    return () if lead == "absent" else None


def source(reading: Reading, vocab: Vocabulary, household: Iterable[str] = ()) -> str | None:
    """How the practitioner knows, when the text says: the strongest source named."""
    found = {name for name in SOURCE_ORDER if find(reading, vocab.sources[name])}
    for match in find(reading, vocab.telling):
        speaker = _speaker(reading, match.start, match.end, match.phrase == "according to",
                           vocab, set(household))
        if speaker:
            found.add(speaker)
    return next((name for name in SOURCE_ORDER if name in found), None)


def answered_source(reading: Reading, vocab: Vocabulary,
                    household: Iterable[str] = ()) -> str | None:
    """The answer to "how do you know?": a full sentence, a short answer or a button."""
    if said_unknown(reading, vocab):
        return UNKNOWN
    named = source(reading, vocab, household)
    if named:
        return named
    short = {name for name, phrases in vocab.short_sources.items() if find(reading, phrases)}
    short |= {_mentioned_source(m.label, m.value, vocab, set(household))
              for m in reading.mentions}
    return next((name for name in SOURCE_ORDER if name in short), None)


def wider_family(facts: Facts, vocab: Vocabulary) -> list[dict[str, str]] | str | None:
    """Relatives named with whether contact is made, not yet made or refused."""
    reading = facts.reading
    mentions = [m for m in reading.mentioned("relation") if m.value not in vocab.children]
    if not mentions:
        if said_unknown(reading, vocab):
            return UNKNOWN
        return [] if _lead(reading, vocab, [])[0] == "absent" or find(
            reading, ("no one", "nobody", "none")) else None
    relatives = []
    named = [relation.name for relation in facts.relations]
    for index, mention in enumerate(mentions):
        # What is said about a relative follows them ("aunt, refused") or, failing that,
        # comes before them ("spoke to grandad").
        end = mentions[index + 1].start if index + 1 < len(mentions) else len(reading.words)
        start = mentions[index - 1].end if index else 0
        contact = (_contact(Reading(reading.text, reading.words[mention.end:end]), vocab)
                   or _contact(Reading(reading.text, reading.words[start:mention.start]), vocab)
                   or "not_yet")
        relation = next((r for r in named if r.endswith(mention.value)), mention.value)
        relatives.append({"relation": relation, "contact": contact})
    return relatives


def level(reading: Reading, vocab: Vocabulary) -> tuple[int | None, str] | str | None:
    """(level, why) for a judgement that raises the level; (None, "") for no; UNKNOWN."""
    levels = [int(w) for w in reading.content_words if w in ("1", "2", "3", "4")]
    if len(levels) == 1:
        return levels[0], LEVEL_WORDS.sub("", reading.text).strip(" .:-,")
    if said_unknown(reading, vocab):
        return UNKNOWN
    if _lead(reading, vocab, [])[0] == "absent" or find(reading, ("agree", "stands",
                                                                  "happy with")):
        return None, ""
    return None


def noticed(reading: Reading, vocab: Vocabulary) -> set[str]:
    """Red-flag matters mentioned in any answer: an injury, a baby in danger now."""
    return {name for name, phrases in vocab.noticed.items()
            if any(not negated(reading, m.start, vocab.negations) for m in find(reading, phrases))}


def _lead_and_cued(reading: Reading, cues: Cues | None, vocab: Vocabulary,
                   two_values: tuple[Any, ...]) -> tuple[str | None, set[Any]]:
    """The answer word the message opens with, and the values its cues point to.

    A negated cue counts as its opposite where there are two values (present/absent,
    true/false); among several values a negated cue counts for nothing. A cue that is itself
    negative ("not seen", "no plan") is not turned round again. An opening "no" negates cues
    only when one follows it at once: "no bruises", but not "no she drinks".
    """
    hits = []
    if cues is not None:
        value_of = {phrase: value for value, phrases in cues.phrases.items()
                    for phrase in phrases}
        hits = [(value_of[m.phrase], m.start, m.end) for m in find(reading, value_of)]
        hits += [(cues.mentions[m.label][m.value], m.start, m.end) for m in reading.mentions
                 if m.value in cues.mentions.get(m.label, {})]
    lead, lead_end = _lead(reading, vocab, [(start, end) for _, start, end in hits])
    # "no bruises or marks": an opening "no" right before a cue negates the whole list.
    floor = 0 if lead is None or any(start == lead_end for _, start, _ in hits) else lead_end
    values = set()
    for value, start, _ in hits:
        if reading.words[start] in vocab.negations or not negated(
                reading, start, vocab.negations, floor):
            values.add(value)
        elif two_values:
            values.add(FLIPPED[value])
    return lead, values


def _lead(reading: Reading, vocab: Vocabulary,
          cue_spans: list[tuple[int, int]]) -> tuple[str | None, int]:
    """The answer word the message opens with, unless it belongs to a cue ("never seen")."""
    for name, phrases in ((UNKNOWN, vocab.unknown), ("present", vocab.yes), ("absent", vocab.no)):
        match = starts_with(reading, phrases)
        if match and not any(start <= match.start < end for start, end in cue_spans):
            return name, match.end
    return None, 0


def _speaker(reading: Reading, start: int, end: int, forward: bool, vocab: Vocabulary,
             household: set[str]) -> str | None:
    """Whose account a telling word reports: a carer, the wider family or an agency."""
    window = range(end, end + SPEAKER_REACH) if forward else range(start - 1,
                                                                   start - SPEAKER_REACH - 1, -1)
    for i in window:
        if not 0 <= i < len(reading.words) or reading.words[i] in PUNCTUATION:
            return None
        mention = next((m for m in reading.mentions if m.start <= i < m.end), None)
        if mention and mention.label in ("relation", "agency"):
            return _mentioned_source(mention.label, mention.value, vocab, household)
        if reading.words[i] in vocab.carer_speakers:
            return "carer_account"
    return None


def _mentioned_source(label: str, value: str, vocab: Vocabulary,
                      household: set[str]) -> str | None:
    if label == "agency":
        return "professional"
    if label == "relation":
        return "carer_account" if value in vocab.roles or value in household else "wider_family"
    return None


def _contact(clause: Reading, vocab: Vocabulary) -> str | None:
    found = set()
    for name in CONTACT_ORDER:
        for match in find(clause, vocab.contact[name]):
            negative = negated(clause, match.start, vocab.negations)
            found.add("not_yet" if name == "made" and negative else name)
    return next((name for name in CONTACT_ORDER if name in found), None)


def _terms(facts: Facts, cues: Cues | None) -> str:
    """The recognised terms behind an answer (substances, places, amounts as said): kept
    instead of the free text, which could name someone."""
    if cues is None:
        return ""
    terms = [m.value.replace("_", " ") for m in facts.reading.mentions
             if m.value in cues.mentions.get(m.label, {})]
    terms += [amount.said for amount in facts.amounts]
    return ", ".join(dict.fromkeys(terms))
