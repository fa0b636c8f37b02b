"""A safer sleep or safe handling discussion held for a case whose assessment is in
progress sets that profile's factors (care.unsafe_sleep, each carer's handling factors,
the baby's injury and health condition), so the assessment counts them as answered when
it is resumed. A factor the assessment already knows is never lowered (apply_discussion).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import Connection

from kbs.engine import score
from kbs.safer_practice.profile import apply_discussion
from kbs.store.profiles import open_profile, save_answers


def add_to_open_assessment(connection: Connection, case_id: int,
                           plan: Mapping[str, Any]) -> int | None:
    """The version of the profile in progress that now holds the plan's factors; None when
    the case has no assessment in progress."""
    row = open_profile(connection, case_id)
    if row is None:
        return None
    answers = apply_discussion(row.answers, plan)
    save_answers(connection, row.id, answers, score(answers).to_dict())
    return row.version
