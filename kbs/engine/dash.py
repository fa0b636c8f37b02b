"""The DASH risk checklist on a carer's domestic_abuse answer: high, on the cusp, or neither."""

from __future__ import annotations

from kbs.engine.answers import Entry
from kbs.engine.rules import Rules


def is_high(entry: Entry, rules: Rules) -> bool:
    """DASH graded high, or 14 or more yes answers."""
    return entry.present and (entry.details.get("dash") == "high"
                              or entry.details.get("dash_yes", 0) >= rules.dash_high_yes)


def is_on_cusp(entry: Entry, rules: Rules) -> bool:
    """Medium, or 10 to 13 yes answers: MARAC by professional judgement (review 5.54)."""
    return entry.present and not is_high(entry, rules) and (
        entry.details.get("dash") == "medium"
        or entry.details.get("dash_yes", 0) >= rules.dash_cusp_yes)
