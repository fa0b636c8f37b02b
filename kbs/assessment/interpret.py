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
from kbs.text.lexicon import load_lexicon
from kbs.text.words import (
    PUNCTUATION,
    Mention,
    Reading,
    clause_before,
    find,
    is_phrase,
    negated,
    starts_with,
)

UNKNOWN = "unknown"
FLIPPED = {"present": "absent", "absent": "present", True: False, False: True}
SOURCE_ORDER = ("observed", "professional", "wider_family", "carer_account")  # strongest first
SPEAKER_REACH = 3
CONTACT_ORDER = ("refused", "not_yet", "made")
# How far back a second negation is looked for, to tell a double negative ("it's not that
# nobody has told him").
DOUBLE_NEGATION_REACH = 6
STANDING_ALONE = r"(?:(?<=^)|(?<=[^\w\s']))\s*{}\b(?=\s*(?:[^\w\s']|$))"
LEVEL_WORDS = re.compile(r"^\W*(level\s*)?[1-4]\b\W*|\W*(level\s*)?\b[1-4]\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Said:
    """A message read once: its facts (kbs.text), the command it is if it is one, and the
    red-flag matters it mentions whatever was asked."""

    facts: Facts
    command: str | None
    noticed: frozenset[str]
    # "No wait, that's wrong - go back, ...": a correction; ``facts`` are then what the
    # message says besides the correction (an answer to the previous question, or nothing).
    correction: bool = False
    question: bool = False  # a question asked in the middle of the assessment

    @property
    def reading(self) -> Reading:
        return self.facts.reading


@dataclass(frozen=True)
class Status:
    status: str | None  # present | absent | unknown; None when it cannot tell
    source: str | None = None
    note: str = ""
    # Not confident (a bare yes or no to a question worded in the negative, a double
    # negative): said back and confirmed before it is saved.
    confirm: bool = False
    accounts: tuple[Account, ...] = ()  # accounts that differ, each with its source
    worded: bool = False  # read from the words (cues), not a bare yes, no or button


@dataclass(frozen=True)
class Account:
    """One person's account, kept beside another that differs from it."""

    status: str
    source: str
    said: str  # the words of the account (screened, kbs.identifying.screen, before they are kept)


def read_message(text: str, entities: Iterable[Mapping[str, Any]],
                 vocab: Vocabulary) -> Said:
    """The one reading of a practitioner's message; everything after applies it."""
    entities = list(entities)
    facts = read_facts(text, entities)
    named = command(facts.reading, vocab)
    if named is None:
        rest = _without_corrections(text, vocab)
        if rest != text:
            return Said(read_facts(rest, entities), "back",
                        frozenset(noticed(facts.reading, vocab)), correction=True)
    return Said(facts, named, frozenset(noticed(facts.reading, vocab)),
                question=named is None and is_question(facts.reading, vocab))


def _without_corrections(text: str, vocab: Vocabulary) -> str:
    """The message with its correction phrases blanked out (every position kept, so that the
    entities still point at their words); the message itself when it has none."""
    for phrase in sorted(vocab.corrections, key=len, reverse=True):
        words = [re.escape(w).replace("'", "['\u2019]?") for w in phrase.split()]
        body = r"\b" + r"[\s,]+".join(words)
        pattern = STANDING_ALONE.format(body) if len(words) == 1 else body + r"\b"
        text = re.sub(pattern, lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)
    return text


def is_question(reading: Reading, vocab: Vocabulary) -> bool:
    """A question asked mid-assessment: it opens with a question phrase, or with a question
    word and ends with a question mark."""
    if starts_with(reading, vocab.question_openers):
        return True
    words = reading.content_words
    return bool(words) and words[0] in vocab.question_words and reading.text.rstrip(
        ).endswith("?")


def command(reading: Reading, vocab: Vocabulary) -> str | None:
    """skip, back, why, stop, help or where, when that is the whole message."""
    for name in COMMANDS:
        if is_phrase(reading, vocab.commands[name], vocab.polite):
            return name
    return "why" if reading.content_words[:1] == ("why",) else None


def said_unknown(reading: Reading, vocab: Vocabulary) -> bool:
    return bool(find(reading, vocab.unknown))


def status(facts: Facts, cues: Cues | None, vocab: Vocabulary,
           household: Iterable[str] = (), negative: bool = False,
           weigh_accounts: bool = True) -> Status:
    """Present, absent or unknown for a factor, with the source when the text says it.

    ``negative``: the question is worded in the negative ("Has ICON NOT been discussed?").
    Its cues are read for what they say of the world ("nobody has talked to him" is not
    discussed, the risk present) and an answer word beside them ("no", "yes") counts for
    nothing, as either can agree with them; a bare yes or no is asked to be confirmed.
    """
    reading = facts.reading
    direct = next((name for name, words in vocab.statuses.items()
                   if is_phrase(reading, words, vocab.polite)), None)
    if direct:  # a button's word: the answer itself, whatever the question's wording
        return Status(direct)
    lead, values, double = _lead_and_cued(reading, cues, vocab, ("present", "absent"))
    cued = "present" if "present" in values else "absent" if values else None
    if len(values) > 1:
        cued = None
    hedged = bool(find(reading, vocab.hedges))
    confirm = double
    if negative and lead in ("present", "absent"):
        if cued is None and len(values) <= 1:
            confirm = True  # a bare yes or no to a question worded in the negative
        else:
            lead = None  # the words decide; "no" beside "nobody has talked" agrees
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
    known = source(reading, vocab, household)
    differing = accounts(facts, cues, vocab, household, negative) if weigh_accounts else ()
    if differing:
        said_present = {a.source for a in differing if a.status == "present"}
        return Status("present", next(n for n in SOURCE_ORDER if n in said_present),
                      _terms(facts, cues), confirm, differing)
    return Status(found, known, _terms(facts, cues), confirm, worded=cued is not None)


def accounts(facts: Facts, cues: Cues | None, vocab: Vocabulary, household: Iterable[str],
             negative: bool = False) -> tuple[Account, ...]:
    """Accounts from different sources set against each other in one answer ("mum says
    only at weekends, but nan says she drinks most days"): each clause that names a source,
    with what it says. Kept when they differ: their statuses differ, or they are contrasted
    ("but", "whereas") and one says the risk is there. () otherwise."""
    reading = facts.reading
    cuts = sorted({(m.start, m.end) for m in find(reading, vocab.contrast)} | {
        (i, i + 1) for i, w in enumerate(reading.words) if w in (".", ";")})
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(reading.words)]
    parts = [_part(reading, a, b) for a, b in zip(starts, ends, strict=True) if b > a]
    found = []
    for part in parts:
        named = source(part, vocab, household)
        if named is None:
            continue
        said = status(Facts(part), cues, vocab, household, negative, False).status
        found.append((said, named, part))
    if len({named for _, named, _ in found}) < 2:
        return ()
    overall = {said for said, _, _ in found if said in ("present", "absent")}
    contrasted = bool(find(reading, vocab.contrast))
    if len(overall) < 2 and not (contrasted and "present" in overall):
        return ()
    fallback = "present" if "present" in overall else "absent"
    return tuple(Account(said if said in ("present", "absent") else fallback, named,
                         _words(part)) for said, named, part in found)


def reported(facts: Facts, cues_of: Mapping[str, Cues | None], vocab: Vocabulary,
             household: Iterable[str], carers: Mapping[str, str],
             about: str | None = None) -> list[tuple[str, str, Account]]:
    """Accounts of a carer's factors reported in passing, whatever the question ("nan says
    mum drinks most days"): (the carer's role, the factor's key, the account), for each
    clause with a telling word whose speaker is known and named (a relative or an agency)
    about a carer named after it (by relation, ``carers``: role -> relation), or, when only
    a pronoun follows ("the GP says she drinks"), about the carer the question is about
    (``about``). The factor is the one its cues (``cues_of``, by key) say present or
    absent."""
    reading, household, found = facts.reading, set(household), []
    cuts = sorted({(m.start, m.end) for m in find(reading, vocab.contrast)} | {
        (i, i + 1) for i, w in enumerate(reading.words) if w in (".", ";")})
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(reading.words)]
    for part in (_part(reading, a, b) for a, b in zip(starts, ends, strict=True) if b > a):
        telling = next(((m, speaker) for m in find(part, vocab.telling)
                        if (speaker := _speaker(part, m.start, m.end, m.phrase == "according to",
                                                vocab, household))), None)
        if telling is None:
            continue
        match, speaker = telling
        named_speaker = _speaker_mention(part, match, vocab)
        if named_speaker is None:  # "she told me": whose words, about whom, is not said
            continue
        named = [m for m in part.mentioned("relation")
                 if m.start >= match.end and m != named_speaker]
        roles = [role for m in named[:1] for role, relation in carers.items()
                 if relation.split()[-1] == m.value]
        if len(roles) == 1:
            role = roles[0]
        elif not named and about:
            role = about
        else:
            continue
        said = _part(part, match.end, len(part.words))
        for key, cues in cues_of.items():
            status = _cued(said, cues, vocab)
            if status in ("present", "absent"):
                found.append((role, key, Account(status, speaker, _words(part))))
    return found


def _speaker_mention(part: Reading, match: Any, vocab: Vocabulary) -> Mention | None:
    """The relative or agency named as the speaker of a telling word ("nan says", "according
    to the GP"), looked for as ``_speaker`` looks; None for a pronoun ("she says")."""
    forward = match.phrase == "according to"
    window = range(match.end, match.end + SPEAKER_REACH) if forward else range(
        match.start - 1, match.start - SPEAKER_REACH - 1, -1)
    for i in window:
        if not 0 <= i < len(part.words) or part.words[i] in PUNCTUATION:
            return None
        mention = next((m for m in part.mentions if m.start <= i < m.end), None)
        if mention and mention.label in ("relation", "agency"):
            return mention
        if part.words[i] in vocab.carer_speakers:
            return None
    return None


def _part(reading: Reading, start: int, end: int) -> Reading:
    """The words from ``start`` to ``end`` as a reading of their own (a clause)."""
    mentions = tuple(Mention(m.label, m.value, m.start - start, m.end - start)
                     for m in reading.mentions if start <= m.start and m.end <= end)
    words = reading.words[start:end]
    return Reading(_words(Reading("", words)), words, mentions)


def _words(part: Reading) -> str:
    """A clause's words as text again, for keeping with an account."""
    text = ""
    for word in part.words:
        glued = word in PUNCTUATION or word.startswith("'") or word == "n't"
        text += word if glued or not text else f" {word}"
    return text.strip(" ,;.-").strip()


def group(facts: Facts, cues_of: Mapping[str, Cues | None], vocab: Vocabulary,
          none_said: Iterable[str] = ()) -> dict[str, str] | str | None:
    """The answer to "do any of these apply?" (a group's list): each factor the words name
    (by its cues, clause by clause), present or absent, or not known when its clause says
    so; every factor listed absent for "none of these" (an opening no, or ``none_said``)
    when none is named present; UNKNOWN for "don't know"; None when it cannot tell (or the
    words contradict each other about one factor). The opening answer word counts for the
    whole list, never for one factor: "no, but they're isolated" names isolation."""
    reading = facts.reading
    named: dict[str, str] = {}
    for part in _clauses(reading, vocab):
        for path, cues in cues_of.items():
            said = _cued(part, cues, vocab)
            if said is None:
                continue
            if named.get(path, said) != said:
                return None
            named[path] = said
    unknown = said_unknown(reading, vocab)
    none = _lead(reading, vocab, [])[0] == "absent" or bool(find(reading, tuple(none_said)))
    if none and "present" not in named.values():
        return {path: named.get(path, "absent") for path in cues_of}
    if named:
        return named
    return UNKNOWN if unknown else None


def _clauses(reading: Reading, vocab: Vocabulary) -> list[Reading]:
    """The message cut at punctuation and contrast words, each part a reading of its own."""
    cuts = sorted({(m.start, m.end) for m in find(reading, vocab.contrast)} | {
        (i, i + 1) for i, w in enumerate(reading.words) if w in (".", ";", ",", ":")})
    starts = [0, *(end for _, end in cuts)]
    ends = [*(start for start, _ in cuts), len(reading.words)]
    return [_part(reading, a, b) for a, b in zip(starts, ends, strict=True) if b > a]


def _cued(part: Reading, cues: Cues | None, vocab: Vocabulary) -> str | None:
    """What one clause's cues say of a factor: present, absent, UNKNOWN ("not sure if
    they're isolated", unless hedged), or None when they say nothing or disagree."""
    if cues is None:
        return None
    _, values, _ = _lead_and_cued(part, cues, vocab, ("present", "absent"))
    if len(values) != 1:
        return None
    if said_unknown(part, vocab) and not find(part, vocab.hedges):
        return UNKNOWN
    return values.pop()


def yes_no(reading: Reading, cues: Cues | None, vocab: Vocabulary) -> bool | str | None:
    """True, False, UNKNOWN, or None when it cannot tell."""
    lead, values, _ = _lead_and_cued(reading, cues, vocab, (True, False))
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
    _, values, _ = _lead_and_cued(reading, cues, vocab, ())
    return values.pop() if len(values) == 1 else None


def choices(reading: Reading, cues: Cues, vocab: Vocabulary) -> tuple[str, ...] | str | None:
    """The cued values named (in the catalogue's order), (), UNKNOWN, or None."""
    lead, values, _ = _lead_and_cued(reading, cues, vocab, ())
    if values:
        return tuple(value for value in cues.phrases if value in values)
    if said_unknown(reading, vocab):
        return UNKNOWN
    return () if lead == "absent" else None


def source(reading: Reading, vocab: Vocabulary, household: Iterable[str] = ()) -> str | None:
    """How the practitioner knows, when the text says: the strongest source named."""
    found = {name for name in SOURCE_ORDER if any(
        not _reported_to_me(reading, m) for m in find(reading, vocab.sources[name]))}
    for match in find(reading, vocab.telling):
        speaker = _speaker(reading, match.start, match.end, match.phrase == "according to",
                           vocab, set(household))
        if speaker:
            found.add(speaker)
    return next((name for name in SOURCE_ORDER if name in found), None)


def _reported_to_me(reading: Reading, match: Any) -> bool:
    """ "she said to me" is her account, not the practitioner's view ("low to me")."""
    return match.phrase == "to me" and match.start > 0 and reading.words[
        match.start - 1] not in PUNCTUATION and reading.words[match.start - 1] in {
        "said", "says", "say", "told", "tells", "explained", "mentioned", "admitted",
        "spoke", "talked", "reported", "described", "disclosed", "insisted", "denied"}


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


def said_of_each(reading: Reading, vocab: Vocabulary) -> dict[str, Reading]:
    """What is said of each adult named by relation ("her partner who lives with them, dad
    who has never seen the baby"): the words after the relation, up to the next one named,
    by the relation's name ("maternal grandmother"). An adult named twice is left out."""
    lexicon = load_lexicon()
    mentions = reading.mentioned("relation")
    said: dict[str, Reading] = {}
    twice = set()
    for index, mention in enumerate(mentions):
        if mention.value in vocab.children or negated(reading, mention.start, vocab.negations):
            continue
        sides = [w for w in reading.words[max(0, mention.start - 1):mention.start + 1]
                 if w in lexicon.relation_sides]
        name = f"{sides[0]} {mention.value}" if sides else mention.value
        end = mentions[index + 1].start if index + 1 < len(mentions) else len(reading.words)
        if name in said:
            twice.add(name)
        said[name] = _part(reading, mention.end, end)
    return {name: part for name, part in said.items() if name not in twice}


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
                   two_values: tuple[Any, ...]) -> tuple[str | None, set[Any], bool]:
    """The answer word the message opens with, the values its cues point to, and whether a
    cue is under a double negative ("it's not that he hasn't been told"): then it is read
    by the number of negations, and to be confirmed.

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
    values, double = set(), False
    for value, start, _ in hits:
        count = _negations(clause_before(reading, start, DOUBLE_NEGATION_REACH, floor)[::-1]
                           + [reading.words[start]], vocab)
        if count > 1 and two_values:
            double = True
            values.add(value if count % 2 == (reading.words[start] in vocab.negations)
                       else FLIPPED[value])
        elif reading.words[start] in vocab.negations or not negated(
                reading, start, vocab.negations, floor):
            values.add(value)
        elif two_values:
            values.add(FLIPPED[value])
    return lead, values, double


def _negations(words: list[str], vocab: Vocabulary) -> int:
    """The negations in a run of words; one straight after "no" agrees with it ("no,
    nobody has") and is not counted again."""
    return sum(word in vocab.negations and not (i and words[i - 1] == "no")
               for i, word in enumerate(words))


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
