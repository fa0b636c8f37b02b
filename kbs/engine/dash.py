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


def is_completed(entry: Entry) -> bool:
    """A DASH risk checklist has been completed: a grading or a count of yes answers."""
    return "dash" in entry.details or "dash_yes" in entry.details


def needs_assessment(entry: Entry) -> bool:
    """Domestic abuse present, or suspected (not known, but a victim or perpetrator
    recorded), with no DASH completed. The Assess mode records a suspicion voiced with a
    hedge ("I think he hits her") as present."""
    suspected = entry.unknown and "role" in entry.details
    return (entry.present or suspected) and not is_completed(entry)
