"""What one chat message answers: its words (a button sends words too), the intent the NLU
gave it, and the entities spaCy found.

"She had a few glasses of wine and fell asleep with him on the sofa" answers that someone
shares a sleep surface, on a sofa, after alcohol. Facts beyond the question asked are read
only from a message the NLU took as a description (``describe_sleep``), so that a passing
word does not change an earlier answer, and never from a sentence with a negation ("she
hadn't been drinking"): what is unclear is asked, not guessed. A mark mentioned anywhere is
always taken up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kbs.assessment import reading as words
from kbs.assessment.vocabulary import load_vocabulary
from kbs.safer_practice import handling, sleep
from kbs.safer_practice.answers import ANSWERS, NO, UNKNOWN, YES
from kbs.safer_practice.catalogue import Catalogue, answer_words

SKIP = "skip"
DESCRIBE_SLEEP = "describe_sleep"
DESCRIBE_ROUTINE = "describe_routine"
PRETERM_WEEKS = 37
LOW_BIRTH_WEIGHT_KG = 2.5
MOBILE_FROM_MONTHS = 6  # every baby under 6 months counts as not mobile

WEEKS = re.compile(r"\b(\d{2})(?:\s*\+\s*\d)?\s*(?:weeks?|wks?|w)\b", re.I)
KILOGRAMS = re.compile(r"\b(\d(?:\.\d+)?)\s*(?:kg|kgs|kilos?|kilograms?)\b", re.I)
POUNDS = re.compile(r"\b(\d{1,2})\s*(?:lb|lbs|pounds?)(?:\s*(\d{1,2})\s*(?:oz|ounces?))?", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|nothing|neither|nor)\b|n't\b", re.I)
AGE = re.compile(r"\b(\d{1,2})\s*(weeks?|months?)\b(?!\s*(?:of\s+)?(?:pregnan|gestation))", re.I)


@dataclass(frozen=True)
class Message:
    text: str
    intent: str | None = None
    entities: tuple[tuple[str, str], ...] = ()  # (entity type, recorded value)

    def values(self, entity_type: str) -> list[str]:
        """The values of one entity type, each once, in the order they were said."""
        return list(dict.fromkeys(v for t, v in self.entities if t == entity_type))

    @property
    def answer(self) -> str | None:
        """"yes", "no" or "unknown" when the message starts as a short answer does."""
        said = self._starts_as()
        return said if said in ANSWERS else None

    @property
    def skip(self) -> bool:
        return self._starts_as() == SKIP

    def _starts_as(self) -> str | None:
        assess, own = load_vocabulary(), answer_words()
        kinds = ((SKIP, own[SKIP]), (UNKNOWN, (*assess.unknown, *own[UNKNOWN])),
                 (NO, (*assess.no, *own[NO])), (YES, (*assess.yes, *own[YES])))
        opened = words.read(self.text)
        return next((kind for kind, phrases in kinds if words.starts_with(opened, phrases)),
                    None)


def mentions(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases that occur in ``text`` as whole words, ignoring case."""
    return [p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text, re.I)]


def read_sleep(message: Message, asked: str | None, catalogue: Catalogue) -> dict[str, Any]:
    """Safer sleep answers given by ``message``, the answer to ``asked`` first."""
    answers: dict[str, Any] = {}
    places = message.values("sleep_place")
    describing = message.intent == DESCRIBE_SLEEP
    hedged = message.answer == NO or NEGATION.search(message.text) is not None
    sharing = (describing or asked in (*sleep.PLACE_QUESTIONS, "shares")) and not hedged \
        and bool(mentions(message.text, catalogue["sharing_words"]))
    if sharing:
        answers["shares"] = YES
        if places:
            answers["shared_place"] = _shared_place(places)
    if asked in ("night_place", "day_place"):
        # "fell asleep with him on the sofa" tells where they shared, not where he sleeps;
        # "he sleeps in our bed with us" tells both
        own = [p for p in places if not (sharing and p == answers.get("shared_place")
                                         and sleep.place_kind(p) == sleep.SOFA_OR_ARMCHAIR)]
        if own:
            answers[asked] = own[0]
        elif message.answer == UNKNOWN:
            answers[asked] = UNKNOWN
    elif asked == "shared_place" and message.answer == UNKNOWN:
        answers[asked] = UNKNOWN
    elif asked == "shared_place" and places:
        answers[asked] = _shared_place(places)
    elif asked is not None and asked not in answers:
        answer = message.answer or _measured(asked, message.text)
        if answer:
            answers[asked] = answer
    if answers.get("shares") == YES and places and "shared_place" not in answers:
        answers["shared_place"] = _shared_place(places)
    for substance in message.values("substance"):
        question = catalogue["substances"].get(substance)
        if question and (describing or asked == question) and not hedged:
            answers.setdefault(question, YES)
    if describing or asked == "routine" or message.intent == DESCRIBE_ROUTINE:
        kinds = [kind for kind, spec in catalogue["routine_kinds"].items()
                 if mentions(message.text, spec["words"])]
        if kinds and (answers.get("routine") == YES or not hedged):
            answers.update(routine=YES, routine_kinds=kinds)
    return answers


def read_handling(message: Message, asked: handling.Question | None,
                  catalogue: Catalogue) -> dict[str, Any]:
    """Safe handling answers given by ``message``, the answer to ``asked`` first."""
    question_id, carer = asked or (None, None)
    denied = message.answer == NO
    answers: dict[str, Any] = {}
    if question_id == "carers":
        groups = catalogue["carer_groups"]
        named = [*message.values("relation"),
                 *(r for group in mentions(message.text, groups) for r in groups[group])]
        relations = [r for r in dict.fromkeys(named) if r in catalogue["carer_labels"]]
        if relations:
            answers["carers"] = relations
    elif question_id == "mobile":
        answer = message.answer or _mobility(message.text, catalogue)
        if answer:
            answers["mobile"] = answer
    elif question_id not in (None, handling.FAMILY_PLAN) and message.answer:
        if carer is None:
            answers[question_id] = message.answer
        else:
            answers["carer_answers"] = {carer: {question_id: message.answer}}
    # A mark mentioned at any point is taken up: it decides the protocol.
    if not denied and mentions(message.text, catalogue["mark_words"]):
        answers["mark"] = YES
    return answers


def _shared_place(places: list[str]) -> str:
    """Of the places in one sentence, the one shared: not the baby's own cot."""
    return next((p for p in places if sleep.place_kind(p) != "separate"), places[-1])


def _measured(asked: str, text: str) -> str | None:
    """A gestation or birth weight given as a number answers preterm or low_birth_weight."""
    if asked == "preterm" and (match := WEEKS.search(text)):
        return YES if int(match.group(1)) < PRETERM_WEEKS else NO
    if asked == "low_birth_weight":
        if match := KILOGRAMS.search(text):
            kilograms = float(match.group(1))
        elif match := POUNDS.search(text):
            kilograms = int(match.group(1)) * 0.4536 + int(match.group(2) or 0) * 0.02835
        else:
            return None
        return YES if kilograms < LOW_BIRTH_WEIGHT_KG else NO
    return None


def _mobility(text: str, catalogue: Catalogue) -> str | None:
    if mentions(text, catalogue["mobile_words"]):
        return YES
    if match := AGE.search(text):
        months = int(match.group(1)) / (4.35 if match.group(2).lower().startswith("w") else 1)
        if months < MOBILE_FROM_MONTHS:
            return NO
    return None
