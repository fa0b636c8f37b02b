"""How deep the assessment goes for each adult, and what an answer closes
(kbs/catalogues/depth.yml, read with the one loader and checked against the factor
catalogue when read).

- ``carer_factors(doc, role)``: the carer factors asked of an adult, by their contact
  (lives with the baby: all; visits or no contact: the file's lists; not known: all)
- ``contact_asked(role)``: whether an adult of this role is asked about contact first
- ``read_contact(reading, vocab)``: the answer to that question
- ``close(doc, reading)``: the questions an answer's words settle ("her first baby": no
  siblings), recorded as excluded with the file's note

A factor that is not asked is never recorded: it stays not known, so a key factor left
unasked keeps the profile incomplete.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kbs.assessment.vocabulary import Cues, Vocabulary
from kbs.catalogues import Node, load
from kbs.engine import load_catalogue
from kbs.engine.catalogue import CARER_CONTACTS
from kbs.paths import CATALOGUES_DIR
from kbs.text.lexicon import load_lexicon
from kbs.text.words import Reading, find, negated

DEPTH_FILE = CATALOGUES_DIR / "depth.yml"
ROLE_KINDS = ("mother", "father", "partner", "other_adult")


@dataclass(frozen=True)
class Closure:
    phrases: tuple[str, ...]
    paths: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Depth:
    contact_asked_of: frozenset[str]
    contact_cues: Cues
    contact_labels: Mapping[str, str]
    contact_buttons: Mapping[str, str]
    asked_of: Mapping[str, tuple[str, ...] | None]  # contact -> factor ids; None: all
    sole_carer_after: str
    closes: Mapping[str, Closure]


@cache
def load_depth(path: Path = DEPTH_FILE) -> Depth:
    doc = load(path)
    doc.only(("contact", "asked_of", "sole_carer_after", "closes"))
    contact, asked_of = doc.get("contact"), doc.get("asked_of")
    contact.only(("asked_of", "says", "labels", "buttons"))
    asked_of.only(CARER_CONTACTS)
    carer_ids = [f.id for f in load_catalogue().carer_factors()]
    return Depth(
        contact_asked_of=frozenset(contact.get("asked_of").choices(ROLE_KINDS)),
        contact_cues=Cues({name: tuple(p.lower() for p in node.texts())
                           for name, node in _all(contact.get("says")).items()}),
        contact_labels={name: node.text() for name, node in _all(contact.get("labels")).items()},
        contact_buttons={name: node.text()
                         for name, node in _all(contact.get("buttons")).items()},
        asked_of={name: _factors(asked_of.get(name), carer_ids) for name in CARER_CONTACTS},
        sole_carer_after=doc.get("sole_carer_after").one_of(carer_ids),
        closes={name: _closure(node) for name, node in doc.get("closes").entries()},
    )


def contact_asked(role: str) -> bool:
    return role.rstrip("_0123456789") in load_depth().contact_asked_of


def carer_factors(doc: dict[str, Any], role: str) -> list:
    """The catalogue's carer factors asked of this adult, in the catalogue's order."""
    wanted = load_depth().asked_of.get(doc["carers"].get(role, {}).get("contact"))
    return [f for f in load_catalogue().carer_factors() if wanted is None or f.id in wanted]


def read_contact(reading: Reading, vocab: Vocabulary) -> str | None:
    """lives_in, visits, no_contact, "unknown" (said not known), or None (cannot tell)."""
    from kbs.assessment import interpret  # interpret reads the vocabulary this module shares

    return interpret.choice(reading, load_depth().contact_cues, vocab)


def close(doc: dict[str, Any], reading: Reading) -> dict[str, Any]:
    """The answers with every question the message's words settle recorded as excluded,
    with the file's note; a factor already answered is left as it is."""
    negations = load_lexicon().negations
    for closure in load_depth().closes.values():
        if not any(not negated(reading, m.start, negations)
                   for m in find(reading, closure.phrases)):
            continue
        for path in closure.paths:
            if path not in doc["factors"]:
                doc = copy.deepcopy(doc)
                doc["factors"][path] = {"status": "absent", "source": "observed",
                                        "note": closure.note}
    return doc


def _all(node: Node) -> dict[str, Node]:
    node.only(CARER_CONTACTS)
    return {name: node.get(name) for name in CARER_CONTACTS}


def _factors(node: Node, carer_ids: list[str]) -> tuple[str, ...] | None:
    if isinstance(node.value, str):
        if node.text() != "all":
            node.fail("is neither 'all' nor a list of carer factors")
        return None
    node.only(("factors", "why"))
    node.get("why").text()
    return node.get("factors").choices(carer_ids)


def _closure(node: Node) -> Closure:
    node.only(("says", "factors", "note"))
    household = [f.path() for f in load_catalogue().household_factors()]
    return Closure(tuple(p.lower() for p in node.get("says").texts()),
                   node.get("factors").choices(household), node.get("note").text())
