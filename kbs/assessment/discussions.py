"""A safer sleep or safe handling discussion held for a case whose assessment is in
progress sets that profile's factors (care.unsafe_sleep, each carer's handling factors,
the baby's injury and health condition), so the assessment counts them as answered when
it is resumed. A factor the assessment already knows is never lowered (apply_discussion).

Only for the same baby: when what the discussion says of the baby (an age, kept in
``handling_age_weeks``; whether the baby was born preterm) contradicts the assessment's
infant block, nothing is added, and the reasons are given (``Merge.different``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection, Row

from kbs.case_reference import age_weeks_apart
from kbs.engine import score
from kbs.safer_practice.answers import NO, YES
from kbs.safer_practice.profile import apply_discussion, infant_has
from kbs.store.profiles import open_profile, save_answers

DAYS_A_WEEK = 7


@dataclass(frozen=True)
class Merge:
    """What became of the discussion for the case's assessment in progress."""

    version: int | None = None  # the version in progress, if any
    added: bool = False
    # Why it was not added: (message id, its values), the message in discussion.yml
    different: tuple[tuple[str, dict[str, Any]], ...] = ()


def add_to_open_assessment(connection: Connection, case_id: int,
                           plan: Mapping[str, Any]) -> Merge:
    """The plan's factors added to the version of the profile in progress, unless what the
    discussion says of the baby contradicts it."""
    row = open_profile(connection, case_id)
    if row is None:
        return Merge()
    different = contradictions(row, plan.get("answers") or {})
    if different:
        return Merge(row.version, False, different)
    answers = apply_discussion(row.answers, plan)
    save_answers(connection, row.id, answers, score(answers).to_dict())
    return Merge(row.version, True)


def contradictions(row: Row, said: Mapping[str, Any],
                   now: datetime | None = None) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Where the discussion's own facts about the baby disagree with the assessment's."""
    infant = row.answers.get("infant") or {}
    found = []
    age, known_age = said.get("age_weeks"), infant.get("age_weeks")
    if age is not None and known_age is not None:
        started = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=UTC)
        since = ((now or datetime.now(UTC)) - started).days / DAYS_A_WEEK
        known = known_age + max(since, 0)
        if abs(float(age) - known) > age_weeks_apart():
            found.append(("different_age", {"said": _weeks(age), "known": _weeks(known)}))
    preterm, known_preterm = {YES: True, NO: False}.get(said.get("preterm")), \
        infant_has(row.answers, "preterm")
    if preterm is not None and known_preterm is not None and preterm != known_preterm:
        found.append(("said_preterm" if preterm else "said_not_preterm", {}))
    return tuple(found)


def _weeks(value: float) -> str:
    return f"{value:.0f}"
