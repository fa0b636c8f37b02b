"""The Infant Care Profile factors a discussion sets (docs/PROFILE-FORMAT.md), and setting
them.

A plan's content carries them under "profile", shaped like the profile's own answers:
{"factors": {path: factor}, "carers": {role: {"relation": ..., factor name: factor}},
"infant": {...}}. The assessment calls ``apply_discussion(answers, plan)`` with a plan from
``plans.safer_sleep_plan`` / ``plans.safe_handling_plan`` (or one read back from the
``plans`` table); the result is a valid answers document for ``kbs.engine``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import deepcopy
from typing import Any

from kbs.engine.catalogue import derived_from_infant
from kbs.engine.safer_sleep import never_circumstances
from kbs.safer_practice.answers import YES, risk_status
from kbs.safer_practice.handling import HandlingFindings
from kbs.safer_practice.sleep import SleepFindings

SOURCE = "carer_account"  # the family's answers, given with the practitioner
PROFILE_ROLES = ("mother", "father", "partner")  # other relations are "other_adult", "_2"...
CARER_FACTORS = ("icon_not_discussed", "no_crying_plan", "unsafe_handling")
OWN = ("preterm", "low_birth_weight")  # the baby's own never-circumstances
SLEEP_NOTE = "from the safer sleep discussion"
HANDLING_NOTE = "from the safe handling discussion"


def from_sleep(findings: SleepFindings, answers: Mapping[str, Any],
               source: str = SOURCE) -> dict[str, Any]:
    unsafe_sleep: dict[str, Any] = {"status": findings.status, "source": source}
    if findings.shares_sleep_surface is not None:
        unsafe_sleep["shares_sleep_surface"] = findings.shares_sleep_surface
    unsafe_sleep |= {"never": list(findings.never), "modifiable": list(findings.modifiable),
                     "note": _note(SLEEP_NOTE, findings.unknown, findings.not_excluded)}
    factors = {"care.unsafe_sleep": unsafe_sleep}
    if answers.get("routine") is not None:
        factors["household.routine_disruption"] = {
            "status": risk_status(answers["routine"], YES), "source": source,
            "note": SLEEP_NOTE}
    return {"factors": factors, "carers": {}, "infant": {}}


def from_handling(findings: HandlingFindings, source: str = SOURCE) -> dict[str, Any]:
    roles = profile_roles([carer.relation for carer in findings.carers])
    carers = {roles[carer.relation]: {
        "relation": carer.relation,
        **{name: {"status": getattr(carer, name), "source": source, "note": HANDLING_NOTE}
           for name in CARER_FACTORS}} for carer in findings.carers}
    factors = {
        "infant.injury_or_bruise": {"status": findings.injury_or_bruise, "source": source,
                                    "note": HANDLING_NOTE},
        "infant.health_condition": {"status": findings.health_condition, "source": source,
                                    "note": HANDLING_NOTE},
    }
    return {"factors": factors, "carers": carers, "infant": dict(findings.infant)}


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


def apply_discussion(answers: Mapping[str, Any], plan: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a profile's answers document with the factors the discussion found.

    ``plan`` is a plan's content. Mothers, fathers and partners keep their role; anyone else
    is matched to the profile's carer with the same ``relation`` (else other_adult, or the
    next free other_adult_N). A factor the profile
    already knows is never lowered: a discussion's ``present`` replaces it, while its
    ``absent`` or ``unknown`` only fills a factor the profile does not know yet. Where the
    baby shares a sleep surface and the profile shows them preterm or of low birth weight,
    ``care.unsafe_sleep`` is present, as the engine requires.
    """
    updates = plan["profile"]
    result = deepcopy(dict(answers))
    factors = result.setdefault("factors", {})
    for path, factor in updates["factors"].items():
        factors[path] = _merge(factors.get(path), factor)
    carers = result.setdefault("carers", {})
    for role, found in updates["carers"].items():
        carer = carers.setdefault(_carer_key(carers, role, found["relation"]), {})
        carer.setdefault("relation", found["relation"])
        for name in CARER_FACTORS:
            carer[name] = _merge(carer.get(name), found[name])
    infant = result.setdefault("infant", {})
    for key, value in updates["infant"].items():
        infant.setdefault(key, value)
    if "care.unsafe_sleep" in factors:
        factors["care.unsafe_sleep"] = _with_the_babys_own(factors["care.unsafe_sleep"], result,
                                                           plan.get("findings") or {})
    return result


def _carer_key(carers: Mapping[str, Any], role: str, relation: str) -> str:
    if role in PROFILE_ROLES:
        return role
    same = next((key for key, carer in carers.items() if carer.get("relation") == relation),
                None)
    if same or role not in carers:
        return same or role
    numbered = (f"other_adult_{n}" for n in range(2, len(carers) + 3))
    return next(key for key in numbered if key not in carers)


def _with_the_babys_own(unsafe_sleep: dict[str, Any], answers: Mapping[str, Any],
                        findings: Mapping[str, Any]) -> dict:
    """``care.unsafe_sleep`` with what the profile knows of the baby: the baby's own
    never-circumstances where it shares a sleep surface; and one the discussion left "not
    sure" (preterm, low birth weight) dropped where the profile shows it excluded."""
    doubtful = findings.get("not_excluded", ())
    excluded = [name for name in OWN if name in doubtful and infant_has(answers, name) is False]
    if excluded and any(name in unsafe_sleep.get("never", ()) for name in excluded):
        never = [name for name in unsafe_sleep["never"] if name not in excluded]
        unsafe_sleep = {**unsafe_sleep, "never": never}
        if not never and not unsafe_sleep.get("modifiable"):
            still_unknown = [q for q in findings.get("unknown", ()) if q not in excluded]
            unsafe_sleep["status"] = "unknown" if still_unknown else "absent"
    own = {name: infant_has(answers, name) is True for name in OWN}
    never = never_circumstances(unsafe_sleep, **own)
    if unsafe_sleep["status"] == "present" or not never:
        return unsafe_sleep
    return {**unsafe_sleep, "status": "present", "never": list(never)}


def infant_has(answers: Mapping[str, Any], factor_id: str) -> bool | None:
    """Whether the profile shows the baby preterm (or of low birth weight): as a factor, or
    from the infant block the way the engine derives it; None when it is not known."""
    given = (answers.get("factors") or {}).get(f"infant.{factor_id}")
    status = given.get("status") if given is not None else \
        derived_from_infant(answers.get("infant") or {}).get(f"infant.{factor_id}")
    return {"present": True, "absent": False}.get(status)


def _merge(known: Mapping[str, Any] | None, found: Mapping[str, Any]) -> dict[str, Any]:
    if known is None or known.get("status") == "unknown" or found["status"] == "present":
        return deepcopy(dict(found))
    return dict(known)


def _note(note: str, unknown: Sequence[str], not_excluded: Sequence[str] = ()) -> str:
    if not_excluded:
        note += f"; not excluded (answered not sure): {', '.join(not_excluded)}"
    return f"{note}; not known: {', '.join(unknown)}" if unknown else note
