"""How much of each domain of a profile is present, unknown or excluded, from its answers.

Every factor of docs/PROFILE-SPEC.md counts, so a factor never asked shows as unknown
(the assumption of risk: unknown is never safe). When the engine (issue 3) is merged its
catalogue can supply FACTORS instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from web_widget.labels import domain_name

FACTORS = {
    "infant": ("preterm", "low_birth_weight", "neonatal_care", "health_condition",
               "feeding_or_growth", "injury_or_bruise", "repeat_presentations",
               "excessive_crying"),
    "household": ("large_family", "sibling_needs", "material_hardship", "poor_home_conditions",
                  "carer_physical_health", "loss_or_bereavement", "routine_disruption",
                  "isolation", "neglect_indicators", "multiagency_pressure"),
    "carer": ("unknown_to_practitioners", "non_engagement", "mental_health", "substance_use",
              "harmful_stress_response", "domestic_abuse", "minimisation", "unsafe_handling",
              "icon_not_discussed", "no_crying_plan"),
    "care": ("unsafe_sleep", "protective_role_unclear"),
    "information": ("uncorroborated_account", "wider_family_not_engaged",
                    "information_not_shared", "contrasting_views", "limited_contact",
                    "not_in_supervision"),
}
# The spec derives these from the infant block when no answer gives them.
DERIVED = {"preterm": ("gestation_weeks", 37), "low_birth_weight": ("birth_weight_kg", 2.5)}
STATUS_WORDS = {"present": "present", "unknown": "unknown", "absent": "excluded"}


@dataclass
class Domain:
    key: str
    name: str
    factors: dict[str, list[str]] = field(
        default_factory=lambda: {"present": [], "unknown": [], "excluded": []})

    def count(self, status: str) -> int:
        return len(self.factors[status])

    @property
    def total(self) -> int:
        return sum(len(paths) for paths in self.factors.values())


def domains(answers: Mapping[str, Any]) -> list[Domain]:
    """Infant, household, each carer, care and information, in that order."""
    answers = _mapping(answers)
    given = _mapping(answers.get("factors"))
    infant = {**_derived(_mapping(answers.get("infant"))), **_within("infant", given)}
    result = [_domain("infant", infant, FACTORS["infant"]),
              _domain("household", _within("household", given), FACTORS["household"])]
    result += [_domain(f"carers.{role}", _mapping(entries), FACTORS["carer"])
               for role, entries in _mapping(answers.get("carers")).items()]
    result += [_domain(name, _within(name, given), FACTORS[name])
               for name in ("care", "information")]
    return result


def _domain(key: str, entries: Mapping[str, Any], names: tuple[str, ...]) -> Domain:
    """``entries`` by factor name; those not among ``names`` are the answers' additions."""
    domain = Domain(key, domain_name(key))
    added = [name for name, entry in entries.items() if isinstance(entry, Mapping)]
    for name in dict.fromkeys([*names, *added]):
        status = _mapping(entries.get(name)).get("status")
        domain.factors[STATUS_WORDS.get(status, "unknown")].append(f"{key}.{name}")
    return domain


def _within(domain: str, given: Mapping[str, Any]) -> dict[str, Any]:
    prefix = f"{domain}."
    return {path.removeprefix(prefix): entry for path, entry in given.items()
            if path.startswith(prefix)}


def _derived(infant: Mapping[str, Any]) -> dict[str, Any]:
    derived = {}
    for name, (measure, limit) in DERIVED.items():
        value = infant.get(measure)
        if isinstance(value, int | float) and not isinstance(value, bool):
            derived[name] = {"status": "present" if value < limit else "absent"}
    return derived


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
