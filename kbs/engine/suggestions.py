"""The wording of wider-family steps and review items (kbs/catalogues/suggestions.yml)."""

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

SUGGESTIONS_FILE = CATALOGUES_DIR / "suggestions.yml"
WHO = ("unseen_carer", "unconfirmed_carer", "non_engaging_carer", "relative", "unnamed")
ASK = ("care", "stress", "handling", "substance_use", "mental_health", "domestic_abuse",
       "harmful_stress_response")
REVIEW_NOTES = ("present", "unknown_key", "uncorroborated", "stress_point", "vulnerability")


@dataclass(frozen=True)
class WiderFamilyWording:
    who: Mapping[str, str]
    see_in_person: str
    ask_relative: str
    ask_unnamed: str
    ask: Mapping[str, str]
    refused_already: str
    if_refused: str


@dataclass(frozen=True)
class ReviewWording:
    always: tuple[str, ...]
    notes: Mapping[str, str]


@dataclass(frozen=True)
class Suggestions:
    wider_family: WiderFamilyWording
    review: ReviewWording


@cache
def load_suggestions(path: Path = SUGGESTIONS_FILE) -> Suggestions:
    try:
        doc = checks.mapping(yaml.safe_load(path.read_text(encoding="utf-8")), "suggestions",
                             CatalogueError)
        checks.only_keys(doc, ("wider_family", "review_at_each_contact"), "", CatalogueError)
        return Suggestions(wider_family=_wider_family(doc.get("wider_family")),
                           review=_review(doc.get("review_at_each_contact")))
    except (OSError, yaml.YAMLError) as err:
        raise CatalogueError(f"{path}: cannot be read ({err})") from err
    except CatalogueError as err:
        raise CatalogueError(f"{path}: {err}") from err


def _texts(value: Any, where: str, names: tuple[str, ...]) -> dict[str, str]:
    entries = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entries, names, where, CatalogueError)
    return {name: checks.required_text(entries.get(name), f"{where}.{name}", CatalogueError)
            for name in names}


def _wider_family(value: Any) -> WiderFamilyWording:
    where = "wider_family"
    entry = checks.mapping(value, where, CatalogueError)
    plain = ("see_in_person", "ask_relative", "ask_unnamed", "refused_already", "if_refused")
    checks.only_keys(entry, ("who", "ask", *plain), where, CatalogueError)
    texts = {name: checks.required_text(entry.get(name), f"{where}.{name}", CatalogueError)
             for name in plain}
    return WiderFamilyWording(who=_texts(entry.get("who"), f"{where}.who", WHO),
                              ask=_texts(entry.get("ask"), f"{where}.ask", ASK), **texts)


def _review(value: Any) -> ReviewWording:
    where = "review_at_each_contact"
    entry = checks.mapping(value, where, CatalogueError)
    always = checks.list_of(entry.get("always"), f"{where}.always", CatalogueError)
    notes = {key: item for key, item in entry.items() if key != "always"}
    return ReviewWording(
        always=tuple(checks.required_text(item, f"{where}.always", CatalogueError)
                     for item in always),
        notes=_texts(notes, where, REVIEW_NOTES),
    )
