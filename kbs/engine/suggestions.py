"""The wording of wider-family steps and review items (kbs/catalogues/suggestions.yml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kbs.catalogues import Node, load
from kbs.engine.catalogue import CATALOGUES_DIR

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
    """Read and check the wording; a malformed file raises kbs.catalogues.CatalogueError
    naming the file, the line and the field."""
    doc = load(path)
    doc.only(("wider_family", "review_at_each_contact"))
    return Suggestions(wider_family=_wider_family(doc.get("wider_family")),
                       review=_review(doc.get("review_at_each_contact")))


def _texts(node: Node, names: tuple[str, ...]) -> dict[str, str]:
    return {name: node.get(name).text() for name in names}


def _wider_family(node: Node) -> WiderFamilyWording:
    plain = ("see_in_person", "ask_relative", "ask_unnamed", "refused_already", "if_refused")
    node.only(("who", "ask", *plain))
    node.get("who").only(WHO)
    node.get("ask").only(ASK)
    return WiderFamilyWording(who=_texts(node.get("who"), WHO), ask=_texts(node.get("ask"), ASK),
                              **_texts(node, plain))


def _review(node: Node) -> ReviewWording:
    node.only(("always", *REVIEW_NOTES))
    return ReviewWording(always=node.get("always").texts(at_least=0),
                         notes=_texts(node, REVIEW_NOTES))
