"""The scoring rules (kbs/catalogues/scoring.yml) as checked, typed objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kbs.catalogues import Node, load
from kbs.engine.catalogue import CATALOGUES_DIR

SCORING_FILE = CATALOGUES_DIR / "scoring.yml"
LEVELS = (1, 2, 3, 4)
RED_FLAGS = ("non_mobile_injury", "high_risk_domestic_abuse", "intoxicated_care",
             "hazardous_sleep", "immediate_danger")
ROUTE_IDS = (
    "emergency_999", "urgent_paediatric_assessment", "childrens_social_care_referral",
    "strategy_discussion", "marac_referral", "dash_risk_assessment", "early_help_assessment",
    "professionals_meeting",
    "safeguarding_lead_consult", "supervision_discussion", "escalation_policy",
    "safer_sleep_plan", "safe_handling_plan", "wider_family_engagement", "information_sharing",
    "universal_messages",
)
FLOORS = ("incomplete", "key_factor_present", "hidden_risk", "uncorroborated")


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
    label: str = ""  # the plain name a practitioner reads ("Injury to a baby who is not mobile")


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
    """Read and check the scoring rules; a malformed file raises
    kbs.catalogues.CatalogueError naming the file, the line and the field."""
    return _rules(load(path))


def _rules(doc: Node) -> Rules:
    doc.only(("levels", "vulnerability_amplifier", "stress_response_raise", "floors",
              "level_routes", "dash", "red_flags"))
    amplifier, dash = doc.get("vulnerability_amplifier"), doc.get("dash")
    floors, flags = doc.get("floors"), doc.get("red_flags")
    floors.only(FLOORS)
    flags.only(RED_FLAGS)
    return Rules(
        levels=_levels(doc.get("levels")),
        per_vulnerability=_number(amplifier.get("per_vulnerability")),
        most_amplification=_number(amplifier.get("most")),
        stress_response_raise=_level(doc.get("stress_response_raise"), low=0),
        floors={name: _level(floors.get(name)) for name in FLOORS},
        level_routes=_level_routes(doc.get("level_routes")),
        dash_high_yes=_level(dash.get("high_yes_at_least"), high=24),
        dash_cusp_yes=_level(dash.get("cusp_yes_at_least"), high=24),
        red_flags={flag: _red_flag(flag, flags.get(flag)) for flag in RED_FLAGS},
        sofa_with_intoxication_level=_level(
            flags.get("hazardous_sleep").get("sofa_with_intoxication_level_at_least")),
    )


def _number(node: Node, default: float | None = None) -> float:
    return node.number(0, 1000, default=default)


def _level(node: Node, *, low: int = 1, high: int = 4) -> int:
    return node.integer(low, high)


def _routes(node: Node) -> tuple[str, ...]:
    return tuple(route.one_of(ROUTE_IDS) for route in node.items(empty_ok=True))


def _by_level(node: Node) -> dict[int, Node]:
    """The entries of a mapping keyed by the levels 1 to 4, each level once."""
    by_level = dict(node.keyed())
    if set(by_level) != set(LEVELS):
        node.fail("must give levels 1, 2, 3 and 4")
    return by_level


def _levels(node: Node) -> Mapping[int, Level]:
    entries = _by_level(node)
    levels = {}
    for number in LEVELS:
        entry = entries[number]
        entry.only(("name", "description"), ("min_points",))
        levels[number] = Level(number=number, name=entry.get("name").text(),
                               description=entry.get("description").text(),
                               min_points=_number(entry.get("min_points"), default=0))
    rising = [levels[1].min_points == 0] + [
        levels[n].min_points > levels[n - 1].min_points for n in LEVELS[1:]]
    for number, ok in zip(LEVELS, rising, strict=True):
        if not ok:
            entries[number].get("min_points").fail("must start at 0 and rise with each level")
    return levels


def _level_routes(node: Node) -> Mapping[int, tuple[str, ...]]:
    entries = _by_level(node)
    return {number: _routes(entries[number]) for number in LEVELS}


def _red_flag(flag: str, entry: Node) -> RedFlagRule:
    entry.only(("label", "description", "level_at_least", "routes"),
               ("sofa_with_intoxication_level_at_least",))
    return RedFlagRule(
        id=flag,
        label=entry.get("label").text(),
        description=entry.get("description").text(),
        level_at_least=_level(entry.get("level_at_least")),
        routes=_routes(entry.get("routes")),
    )
