"""The two discussions behind one interface, for the dialogue: what to ask next, what a
message answers, how answers add up, what to say at once, and the plan they end in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kbs.safer_practice import handling, plans, reading, sleep
from kbs.safer_practice.catalogue import Catalogue

Question = handling.Question  # (question id, carer or None)


@dataclass(frozen=True)
class Discussion:
    kind: str
    catalogue: Callable[[], Catalogue]
    next_question: Callable[[Mapping[str, Any]], Question | None]
    read: Callable[[reading.Message, Question | None, Catalogue], dict[str, Any]]
    merge: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]]
    plan: Callable[..., dict[str, Any]]
    # What must be said as soon as the answers show it (the bruising protocol), if anything.
    announce: Callable[[Mapping[str, Any], Mapping[str, Any], Catalogue], str | None]


def answer_in(update: Mapping[str, Any], question: Question) -> Any:
    return handling.answer_to(update, question)


def as_answer(question: Question, value: Any) -> dict[str, Any]:
    """An update that gives ``question`` the answer ``value``."""
    question_id, carer = question
    return {"carer_answers": {carer: {question_id: value}}} if carer else {question_id: value}


def _sleep_next(answers: Mapping[str, Any]) -> Question | None:
    question = sleep.next_question(answers)
    return (question, None) if question else None


def _sleep_read(message, asked: Question | None, catalogue: Catalogue) -> dict[str, Any]:
    return reading.read_sleep(message, asked[0] if asked else None, catalogue)


def _sleep_merge(answers: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    merged = {**answers, **update}
    return merged | sleep.implied_answers(merged)


SAFER_SLEEP = Discussion(
    kind=plans.SAFER_SLEEP, catalogue=sleep.sleep_catalogue, next_question=_sleep_next,
    read=_sleep_read, merge=_sleep_merge, plan=plans.safer_sleep_plan,
    announce=lambda before, after, catalogue: None)

SAFE_HANDLING = Discussion(
    kind=plans.SAFE_HANDLING, catalogue=handling.handling_catalogue,
    next_question=handling.next_question, read=reading.read_handling,
    merge=handling.with_answers, plan=plans.safe_handling_plan,
    announce=handling.announcement)
