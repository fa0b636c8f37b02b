"""What one chat message answers: its words (a button sends words too), the intent the NLU
gave it, and the entities spaCy found.

"She had a few glasses of wine and fell asleep with him on the sofa" answers that someone
shares a sleep surface, on a sofa, after alcohol. Facts beyond the question asked are read
only from a message the NLU took as a description (``describe_sleep``), so that a passing
word does not change an earlier answer, and never from a sentence with a negation ("she
hadn't been drinking"): what is unclear is asked, not guessed. A mark mentioned anywhere is
always taken up.

The words are read by ``kbs.text``, as the Assess mode reads them: a gestation, weight or
age given as a number answers preterm, low birth weight or mobility by the factor
catalogue's thresholds (``kbs.engine.catalogue.derived_from_infant``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from kbs.assessment.vocabulary import load_vocabulary
from kbs.engine.catalogue import derived_from_infant
from kbs.safer_practice import handling, sleep
from kbs.safer_practice.answers import ANSWERS, NO, UNKNOWN, YES
from kbs.safer_practice.catalogue import Catalogue, answer_words
from kbs.text import Facts, read_facts
from kbs.text.words import find, starts_with

SKIP = "skip"
DESCRIBE_SLEEP = "describe_sleep"
DESCRIBE_ROUTINE = "describe_routine"
STATUS_ANSWERS = {"present": YES, "absent": NO}


@dataclass(frozen=True)
class Message:
    text: str
    intent: str | None = None
    entities: tuple[tuple[str, str], ...] = ()  # (entity type, recorded value)
    # Rasa's entities with their character offsets, when the caller has them: they place each
    # entity among the words ("no dad around", "maternal grandmother").
    spans: tuple[Mapping[str, Any], ...] = ()

    def values(self, entity_type: str) -> list[str]:
        """The values of one entity type, each once, in the order they were said."""
        return list(dict.fromkeys(v for t, v in self.entities if t == entity_type))

    @cached_property
    def facts(self) -> Facts:
        """The message read once (kbs.text), as the Assess mode reads an answer."""
        return read_facts(self.text, self.spans or [{"entity": t, "value": v}
                                                    for t, v in self.entities])

    @property
    def answer(self) -> str | None:
        """"yes", "no" or "unknown" when the message starts as a short answer does."""
        said = self._starts_as()
        return said if said in ANSWERS else None

    @property
    def skip(self) -> bool:
        return self._starts_as() == SKIP

    def said(self, phrases: Iterable[str]) -> list[str]:
        """The phrases said in the message (as whole words, ignoring case), in the order said."""
        return list(dict.fromkeys(m.phrase for m in find(self.facts.reading, phrases)))

    def _starts_as(self) -> str | None:
        assess, own = load_vocabulary(), answer_words()
        kinds = ((SKIP, own[SKIP]), (UNKNOWN, (*assess.unknown, *own[UNKNOWN])),
                 (NO, (*assess.no, *own[NO])), (YES, (*assess.yes, *own[YES])))
        return next((kind for kind, phrases in kinds
                     if starts_with(self.facts.reading, phrases)), None)


def read_sleep(message: Message, asked: str | None, catalogue: Catalogue) -> dict[str, Any]:
    """Safer sleep answers given by ``message``, the answer to ``asked`` first."""
    answers: dict[str, Any] = {}
    places = message.values("sleep_place")
    describing = message.intent == DESCRIBE_SLEEP
    hedged = message.answer == NO or message.facts.negated
    sharing = (describing or asked in (*sleep.PLACE_QUESTIONS, "shares")) and not hedged \
        and bool(message.said(catalogue["sharing_words"]))
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
        answer = message.answer or _measured(asked, message.facts)
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
                 if message.said(spec["words"])]
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
        named = [*(r.relation for r in message.facts.relations),
                 *(r for group in message.said(groups) for r in groups[group])]
        relations = [r for r in dict.fromkeys(named) if r in catalogue["carer_labels"]]
        if relations:
            answers["carers"] = relations
    elif question_id == "mobile":
        answer = _mobility(message)
        if answer:
            answers["mobile"] = answer
    elif question_id not in (None, handling.FAMILY_PLAN) and message.answer:
        if carer is None:
            answers[question_id] = message.answer
        else:
            answers["carer_answers"] = {carer: {question_id: message.answer}}
    # A mark mentioned at any point is taken up: it decides the protocol. So is an age under
    # six months ("she's 16 weeks and rolls, there's a bruise on her cheek"): the baby counts
    # as not mobile whatever is said of mobility. Being mobile is taken only as the answer
    # to the mobility question.
    if not denied and message.said(catalogue["mark_words"]):
        answers["mark"] = YES
    if question_id != "mobile" and _under_six_months(message.facts):
        answers["mobile"] = NO
    # The baby's age, whenever it is said: the engine's rule needs it (a mark on a baby whose
    # age is not known counts as on a baby who may be under six months).
    age = message.facts.infant.get("age_weeks")
    if age is not None:
        answers["age_weeks"] = age
    return answers


def _shared_place(places: list[str]) -> str:
    """Of the places in one sentence, the one shared: not the baby's own cot."""
    return next((p for p in places if sleep.place_kind(p) != "separate"), places[-1])


def _measured(asked: str, facts: Facts) -> str | None:
    """A gestation or birth weight given as a number answers preterm or low_birth_weight, by
    the factor catalogue's thresholds (the ones the profile is scored by)."""
    if asked not in ("preterm", "low_birth_weight"):
        return None
    return STATUS_ANSWERS.get(derived_from_infant(facts.infant).get(f"infant.{asked}"))


def _mobility(message: Message) -> str | None:
    """The answer to "is the baby independently mobile?", with unknown never read as mobile.

    A baby said to be under six months (the factor catalogue's age, as the engine's
    non_mobile_injury rule counts it) is not mobile whatever is said of mobility ("16 weeks
    and rolls"); then a short answer; then not-mobile words; then any "not sure" in the
    message ("she's 8 months, not sure if she's crawling" is not known, not mobile); then
    mobility words (words.yml, read alike in every mode)."""
    facts = message.facts
    if _under_six_months(facts):
        return NO
    if message.answer:
        return message.answer
    if facts.mobile is False:
        return NO
    if message.said(load_vocabulary().unknown):
        return UNKNOWN
    return YES if facts.mobile else None


def _under_six_months(facts: Facts) -> bool:
    return derived_from_infant(facts.infant).get("infant.under_six_months") == "present"
