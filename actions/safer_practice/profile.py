"""The Infant Care Profile factors a discussion sets (PROFILE-SPEC.md), and setting them.

A plan's content carries them under "profile", shaped like the profile's own answers:
{"factors": {path: factor}, "carers": {role: {factor name: factor}}, "infant": {...}}.
The assessment calls ``apply_discussion(answers, plan)`` with a plan from
``plans.safer_sleep_plan`` / ``plans.safe_handling_plan`` (or one read back from the
``plans`` table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import deepcopy
from typing import Any

from actions.safer_practice.answers import YES, risk_status
from actions.safer_practice.handling import HandlingFindings
from actions.safer_practice.sleep import SleepFindings

SOURCE = "carer_account"  # the family's answers, given with the practitioner
PROFILE_ROLES = ("mother", "father", "partner")  # other relations are "other_adult", "_2"...
CARER_FACTORS = ("icon_not_discussed", "no_crying_plan", "unsafe_handling")
SLEEP_NOTE = "from the safer sleep discussion"
HANDLING_NOTE = "from the safe handling discussion"


def from_sleep(findings: SleepFindings, answers: Mapping[str, Any],
               source: str = SOURCE) -> dict[str, Any]:
    unsafe_sleep: dict[str, Any] = {"status": findings.status, "source": source}
    if findings.shares_sleep_surface is not None:
        unsafe_sleep["shares_sleep_surface"] = findings.shares_sleep_surface
    unsafe_sleep |= {"never": list(findings.never), "modifiable": list(findings.modifiable),
                     "note": _note(SLEEP_NOTE, findings.unknown)}
    factors = {"care.unsafe_sleep": unsafe_sleep}
    for question, path in (("routine", "household.routine_disruption"),
                           ("preterm", "infant.preterm"),
                           ("low_birth_weight", "infant.low_birth_weight")):
        if answers.get(question) is not None:
            factors[path] = {"status": risk_status(answers[question], YES), "source": source,
                             "note": SLEEP_NOTE}
    return {"factors": factors, "carers": {}, "infant": {}}


def from_handling(findings: HandlingFindings, source: str = SOURCE) -> dict[str, Any]:
    roles = profile_roles([carer.relation for carer in findings.carers])
    carers = {}
    for carer in findings.carers:
        role = roles[carer.relation]
        note = HANDLING_NOTE if role == carer.relation else f"{carer.relation}; {HANDLING_NOTE}"
        carers[role] = {name: {"status": getattr(carer, name), "source": source, "note": note}
                        for name in CARER_FACTORS}
    factors = {
        "infant.injury_or_bruise": {"status": findings.injury_or_bruise, "source": source,
                                    "note": HANDLING_NOTE},
        "infant.health_condition": {"status": findings.health_condition, "source": source,
                                    "note": HANDLING_NOTE},
    }
    infant = {} if findings.mobile is None else {"mobile": findings.mobile}
    return {"factors": factors, "carers": carers, "infant": infant}


def profile_roles(relations: Sequence[str]) -> dict[str, str]:
    """The profile's carer key for each relation: mother, father and partner keep theirs;
    anyone else is other_adult, other_adult_2, ... in the order named."""
    roles, others = {}, 0
    for relation in relations:
        if relation in PROFILE_ROLES:
            roles[relation] = relation
        else:
            others += 1
            roles[relation] = "other_adult" if others == 1 else f"other_adult_{others}"
    return roles


def apply_discussion(answers: Mapping[str, Any], plan: Mapping[str, Any],
                     roles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A copy of a profile's answers document with the factors the discussion found.

    ``plan`` is a plan's content; ``roles`` renames the plan's carer keys where the profile
    keys that person differently (e.g. {"other_adult": "other_adult_2"}). A factor the
    profile already knows is never lowered: a discussion's ``present`` replaces it, while
    its ``absent`` or ``unknown`` only fills a factor the profile does not know yet.
    """
    updates = plan["profile"]
    result = deepcopy(dict(answers))
    factors = result.setdefault("factors", {})
    for path, factor in updates["factors"].items():
        factors[path] = _merge(factors.get(path), factor)
    carers = result.setdefault("carers", {})
    for role, carer_factors in updates["carers"].items():
        carer = carers.setdefault((roles or {}).get(role, role), {})
        for name, factor in carer_factors.items():
            carer[name] = _merge(carer.get(name), factor)
    infant = result.setdefault("infant", {})
    for key, value in updates["infant"].items():
        infant.setdefault(key, value)
    return result


def _merge(known: Mapping[str, Any] | None, found: Mapping[str, Any]) -> dict[str, Any]:
    if known is None or known.get("status") == "unknown" or found["status"] == "present":
        return deepcopy(dict(found))
    return dict(known)


def _note(note: str, unknown: Sequence[str]) -> str:
    return f"{note}; not known: {', '.join(unknown)}" if unknown else note
