"""What changed between two saved versions of a baby's profile (review 7.12), by the engine."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kbs.engine import compare


def compare_saved(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``old`` and ``new``: profile rows. Factors new, resolved, worse, no longer known,
    resolved on the carer's account alone, red flags and the change of level, as the engine's
    Comparison.to_dict(); AnswersError if saved answers no longer read."""
    return compare(old["answers"], new["answers"]).to_dict()
