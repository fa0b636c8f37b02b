"""The scoring rules (kbs/catalogues/scoring.yml) as checked, typed objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kbs.engine import checks
from kbs.engine.catalogue import CATALOGUES_DIR
from kbs.engine.errors import CatalogueError

SCORING_FILE = CATALOGUES_DIR / "scoring.yml"
LEVELS = (1, 2, 3, 4)
RED_FLAGS = ("non_mobile_injury", "high_risk_domestic_abuse", "intoxicated_care",
             "hazardous_sleep", "immediate_danger")
ROUTE_IDS = (
    "emergency_999", "urgent_paediatric_assessment", "childrens_social_care_referral",
    "strategy_discussion", "marac_referral", "early_help_assessment", "professionals_meeting",
    "safeguarding_lead_consult", "supervision_discussion", "escalation_policy",
    "safer_sleep_plan", "safe_handling_plan", "wider_family_engagement", "information_sharing",
    "universal_messages",
)
FLOORS = ("incomplete", "key_factor_present", "hidden_risk")


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    description: str
    min_points: float


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    description: str
    level_at_least: int
    routes: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    levels: Mapping[int, Level]
    per_vulnerability: float
    most_amplification: float
    stress_response_raise: int
    floors: Mapping[str, int]
    level_routes: Mapping[int, tuple[str, ...]]
    dash_high_yes: int
    dash_cusp_yes: int
    red_flags: Mapping[str, RedFlagRule]
    sofa_with_intoxication_level: int

    def level_for_points(self, points: float) -> int:
        return max(n for n, level in self.levels.items() if points >= level.min_points)


@cache
def load_rules(path: Path = SCORING_FILE) -> Rules:
    """Read and check the scoring rules; a malformed file raises CatalogueError."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        return _rules(checks.mapping(doc, "scoring rules", CatalogueError))
    except (OSError, yaml.YAMLError) as err:
        raise CatalogueError(f"{path}: cannot be read ({err})") from err
    except CatalogueError as err:
        raise CatalogueError(f"{path}: {err}") from err


def _rules(doc: Mapping[str, Any]) -> Rules:
    checks.only_keys(doc, ("levels", "vulnerability_amplifier", "stress_response_raise", "floors",
                           "level_routes", "dash", "red_flags"), "", CatalogueError)
    amplifier = checks.mapping(doc.get("vulnerability_amplifier"), "vulnerability_amplifier",
                               CatalogueError)
    dash = checks.mapping(doc.get("dash"), "dash", CatalogueError)
    floors = checks.mapping(doc.get("floors"), "floors", CatalogueError)
    checks.only_keys(floors, FLOORS, "floors", CatalogueError)
    flags = checks.mapping(doc.get("red_flags"), "red_flags", CatalogueError)
    checks.only_keys(flags, RED_FLAGS, "red_flags", CatalogueError)
    sleep = checks.mapping(flags.get("hazardous_sleep"), "red_flags.hazardous_sleep",
                           CatalogueError)
    return Rules(
        levels=_levels(doc.get("levels")),
        per_vulnerability=_number(amplifier.get("per_vulnerability"),
                                  "vulnerability_amplifier.per_vulnerability"),
        most_amplification=_number(amplifier.get("most"), "vulnerability_amplifier.most"),
        stress_response_raise=_level(doc.get("stress_response_raise"), "stress_response_raise",
                                     low=0),
        floors={name: _level(floors.get(name), f"floors.{name}") for name in FLOORS},
        level_routes=_level_routes(doc.get("level_routes")),
        dash_high_yes=_level(dash.get("high_yes_at_least"), "dash.high_yes_at_least", high=24),
        dash_cusp_yes=_level(dash.get("cusp_yes_at_least"), "dash.cusp_yes_at_least", high=24),
        red_flags={flag: _red_flag(flag, flags.get(flag)) for flag in RED_FLAGS},
        sofa_with_intoxication_level=_level(
            sleep.get("sofa_with_intoxication_level_at_least"),
            "red_flags.hazardous_sleep.sofa_with_intoxication_level_at_least"),
    )


def _number(value: Any, where: str) -> float:
    return checks.number(value, where, CatalogueError, low=0, high=1000)


def _level(value: Any, where: str, *, low: int = 1, high: int = 4) -> int:
    return int(checks.number(value, where, CatalogueError, low=low, high=high, whole=True))


def _routes(value: Any, where: str) -> tuple[str, ...]:
    return tuple(checks.one_of(route, ROUTE_IDS, where, CatalogueError)
                 for route in checks.list_of(value, where, CatalogueError))


def _levels(value: Any) -> Mapping[int, Level]:
    if not isinstance(value, Mapping) or sorted(value) != list(LEVELS):
        raise CatalogueError("levels: must give levels 1, 2, 3 and 4")
    levels = {}
    for number in LEVELS:
        where = f"levels.{number}"
        entry = checks.mapping(value[number], where, CatalogueError)
        checks.only_keys(entry, ("name", "description", "min_points"), where, CatalogueError)
        levels[number] = Level(
            number=number,
            name=checks.required_text(entry.get("name"), f"{where}.name", CatalogueError),
            description=checks.required_text(entry.get("description"), f"{where}.description",
                                             CatalogueError),
            min_points=_number(entry.get("min_points", 0), f"{where}.min_points"),
        )
    if levels[1].min_points != 0 or any(
            levels[n].min_points <= levels[n - 1].min_points for n in LEVELS[1:]):
        raise CatalogueError("levels: min_points must start at 0 and rise with each level")
    return levels


def _level_routes(value: Any) -> Mapping[int, tuple[str, ...]]:
    if not isinstance(value, Mapping) or sorted(value) != list(LEVELS):
        raise CatalogueError("level_routes: must give levels 1, 2, 3 and 4")
    return {number: _routes(value[number], f"level_routes.{number}") for number in LEVELS}


def _red_flag(flag: str, value: Any) -> RedFlagRule:
    where = f"red_flags.{flag}"
    entry = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entry, ("description", "level_at_least", "routes",
                             "sofa_with_intoxication_level_at_least"), where, CatalogueError)
    return RedFlagRule(
        id=flag,
        description=checks.required_text(entry.get("description"), f"{where}.description",
                                         CatalogueError),
        level_at_least=_level(entry.get("level_at_least"), f"{where}.level_at_least"),
        routes=_routes(entry.get("routes"), f"{where}.routes"),
    )
