"""Readable names: factors from the engine's catalogue, routes from the partnership's routes
file (KBS_ROUTES_FILE), levels from the scoring rules; ids stay visible beside them."""

from __future__ import annotations

from kbs.engine import load_catalogue, load_routes
from kbs.engine.routes_config import Route
from kbs.engine.rules import load_rules

DOMAIN_NAMES = {"infant": "Baby", "household": "Household", "care": "Care",
                "information": "Information"}
WORDS = {"childrens": "children's", "marac": "MARAC", "icon": "ICON"}


def words(identifier: str) -> str:
    """`safer_sleep` -> "Safer sleep"."""
    text = " ".join(WORDS.get(part, part) for part in str(identifier).split("_"))
    return text[:1].upper() + text[1:]


def domain_name(domain: str) -> str:
    """`infant` -> "Baby"; `carers.other_adult_2` -> "Other adult 2"."""
    if domain.startswith("carers."):
        return words(domain.removeprefix("carers."))
    return DOMAIN_NAMES.get(domain, words(domain))


def factor_label(path: str) -> str:
    """`carers.mother.substance_use` -> "Alcohol or drug use (mother)"."""
    domain, _, factor_id = path.rpartition(".")
    try:
        label = load_catalogue().for_path(path).label
    except KeyError:  # a path the catalogue does not know (an older or newer profile)
        label = words(factor_id)
    return f"{label} ({domain_name(domain).lower()})"


def route(route_id: str) -> Route:
    """The route's name, description and local contact; its id alone when not configured."""
    return load_routes().routes.get(route_id) or Route(route_id, words(route_id), "", "")


def flag_label(flag: str) -> str:
    """The red flag's label from the scoring rules (kbs/catalogues/scoring.yml)."""
    rule = load_rules().red_flags.get(flag)
    return rule.label if rule and rule.label else words(flag)


def level_label(level: int | None) -> str:
    levels = load_rules().levels
    if level not in levels:
        return "not scored"
    return f"Level {level}: {words(levels[level].name).lower()}"
