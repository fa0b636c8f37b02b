"""A safer sleep or safe handling discussion held for a case whose assessment is in
progress sets that profile's factors (care.unsafe_sleep, each carer's handling factors,
the baby's injury and health condition), so the assessment counts them as answered when
it is resumed. A factor the assessment already knows is never lowered (apply_discussion).

Only for the same baby, and only once the practitioner says so. When what the discussion
says of the baby (an age, kept in ``handling_age_weeks``; whether the baby was born
preterm) contradicts the assessment's infant block, nothing is added and the reasons are
given (``Merge.different``), without asking. Otherwise nothing is added yet: the
practitioner is asked whether it is the same baby, with what the assessment knows of it
(``Merge.baby``: its age counted on to today, its gestation), even when neither the
discussion nor the assessment says anything of the baby; only a clear yes
(``same_baby_answer``) adds the findings (``add_confirmed``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection, Row

from kbs.assessment.interpret import read_message, yes_no
from kbs.assessment.vocabulary import load_vocabulary
from kbs.case_reference import age_weeks_apart, declines, phrases
from kbs.engine import score
from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.profile import apply_discussion, infant_has
from kbs.store.audit import chat_access
from kbs.store.profiles import open_profile, save_answers
from kbs.text.words import find, starts_with

DAYS_A_WEEK = 7
LEAVING = ("stop", "skip")  # assessment.yml commands: the question is left, nothing added


@dataclass(frozen=True)
class Merge:
    """What became of the discussion for the case's assessment in progress."""

    version: int | None = None  # the version in progress, if any
    added: bool = False
    # Why it was not added: (message id, its values), the message in discussion.yml
    different: tuple[tuple[str, dict[str, Any]], ...] = ()
    # Nothing contradicts: the practitioner is asked whether it is the same baby, with what
    # the assessment knows of it (age_weeks counted on to today, gestation_weeks, preterm;
    # only what it knows).
    baby: dict[str, Any] = field(default_factory=dict)

    @property
    def asking(self) -> bool:
        return self.version is not None and not self.added and not self.different


def check_open_assessment(connection: Connection, case_id: int,
                          plan: Mapping[str, Any], actor: str) -> Merge:
    """What a plan saved with the case means for its assessment in progress: none; one
    whose baby the discussion contradicts (not added, with the reasons); or one to ask
    about ("Is this the same baby?"). Nothing is added here; the reading is audited as the
    chat's (``actor``: the practitioner)."""
    row = open_profile(connection, case_id)
    if row is None:
        return Merge()
    chat_access(connection, actor, "viewed", "profile", row.id, "checked against a plan")
    different = contradictions(row, plan.get("answers") or {})
    if different:
        return Merge(row.version, False, different)
    return Merge(row.version, baby=known_baby(row))


def add_confirmed(connection: Connection, case_id: int, plan: Mapping[str, Any],
                  version: int, actor: str) -> Merge:
    """The plan's factors added to the version in progress, once the practitioner said it
    is the same baby as version ``version``'s. If another version is in progress by now,
    it is asked about again; if the assessment's facts contradict the discussion by now,
    nothing is added."""
    merge = check_open_assessment(connection, case_id, plan, actor)
    if not merge.asking or merge.version != version:
        return merge
    row = open_profile(connection, case_id)
    answers = apply_discussion(row.answers, plan)
    save_answers(connection, row.id, answers, score(answers).to_dict())
    chat_access(connection, actor, "updated", "profile", row.id, "a discussion added")
    return Merge(row.version, True)


def same_baby_answer(text: str) -> bool | None:
    """The answer to "Is this the same baby?": True only for a clear yes (a yes, or "same
    baby", opening a message with no negation, no question and nothing that says another
    baby); False for a no ("no", "no thanks", "a different baby", anywhere "not the same")
    or for leaving the question ("stop", "menu", "skip"); None for anything else (not sure,
    a correction, a question, words it cannot read): asked again."""
    vocab = load_vocabulary()
    said = read_message(text, (), vocab)
    reading = said.reading
    if find(reading, [" ".join(p) for p in phrases("not_the_same_baby")]):
        return False
    found = yes_no(reading, None, vocab)
    if found == UNKNOWN or said.correction:
        return None
    if found is False or declines(text) or said.command in LEAVING:
        return False
    if said.command:
        return None
    clear = found is True or starts_with(
        reading, [" ".join(p) for p in phrases("the_same_baby")]) is not None
    doubt = said.facts.negated or said.question or "?" in text or find(
        reading, [" ".join(p) for p in phrases("same_baby_hedges")])
    return True if clear and not doubt else None


def known_baby(row: Row, now: datetime | None = None) -> dict[str, Any]:
    """What the assessment in progress knows of the baby, for the question: its age counted
    on to today (weeks), its gestation (weeks), whether it was born preterm."""
    infant = row.answers.get("infant") or {}
    known: dict[str, Any] = {}
    if infant.get("age_weeks") is not None:
        known["age_weeks"] = infant["age_weeks"] + _weeks_since(row, now)
    if infant.get("gestation_weeks") is not None:
        known["gestation_weeks"] = infant["gestation_weeks"]
    preterm = infant_has(row.answers, "preterm")
    if preterm is not None:
        known["preterm"] = preterm
    return known


def contradictions(row: Row, said: Mapping[str, Any],
                   now: datetime | None = None) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Where the discussion's own facts about the baby disagree with the assessment's."""
    infant = row.answers.get("infant") or {}
    found = []
    age, known_age = said.get("age_weeks"), infant.get("age_weeks")
    if age is not None and known_age is not None:
        known = known_age + _weeks_since(row, now)
        if abs(float(age) - known) > age_weeks_apart():
            found.append(("different_age", {"said": _weeks(age), "known": _weeks(known)}))
    preterm, known_preterm = {YES: True, NO: False}.get(said.get("preterm")), \
        infant_has(row.answers, "preterm")
    if preterm is not None and known_preterm is not None and preterm != known_preterm:
        found.append(("said_preterm" if preterm else "said_not_preterm", {}))
    return tuple(found)


def _weeks_since(row: Row, now: datetime | None) -> float:
    started = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=UTC)
    return max(((now or datetime.now(UTC)) - started).days / DAYS_A_WEEK, 0)


def _weeks(value: float) -> str:
    return f"{value:.0f}"
