"""How deep the assessment goes for each adult, and what an answer closes
(kbs/catalogues/depth.yml, read with the one loader and checked against the factor
catalogue when read).

- ``carer_factors(doc, role)``: the carer factors asked of an adult, by their contact
  (lives with the baby: all; visits or no contact: the file's lists; not known: all)
- ``contact_asked(role)``: whether an adult of this role is asked about contact first
- ``read_contact(reading, vocab)``: the answer to that question
- ``sole_carer_asked(answer)``: whether "ever alone with the baby?" follows this answer
- ``group_of(path)``: the questions asked together with this factor, as one list
- ``close(doc, reading)``: the questions an answer's words settle ("her first baby": no
  siblings), recorded as excluded with the file's note

A factor that is not asked is never recorded: it stays not known, so a key factor left
unasked keeps the profile incomplete.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kbs.assessment.vocabulary import Cues, Vocabulary
from kbs.catalogues import Node, load
from kbs.engine import load_catalogue
from kbs.engine.catalogue import CARER_CONTACTS, INFANT_BLOCK
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
class SoleCarerAfter:
    factor: str  # a carer factor id
    field: str  # one of its fields
    values: tuple[Any, ...]  # the field's values after which the question is asked


@dataclass(frozen=True)
class Group:
    """Factors asked together as one list; each item said in the positive, as the risk."""

    name: str
    ask: str
    items: Mapping[str, str]  # factor path -> how it is said in the list
    why: str


@dataclass(frozen=True)
class Depth:
    contact_asked_of: frozenset[str]
    contact_cues: Cues
    contact_labels: Mapping[str, str]
    contact_buttons: Mapping[str, str]
    asked_of: Mapping[str, tuple[str, ...] | None]  # contact -> factor ids; None: all
    sole_carer_after: SoleCarerAfter
    closes: Mapping[str, Closure]
    groups: Mapping[str, Group] = field(default_factory=dict)
    groups_tail: str = ""
    groups_none: tuple[str, ...] = ()
    in_passing: tuple[str, ...] = ()  # infant-block answers taken in passing


@cache
def load_depth(path: Path = DEPTH_FILE) -> Depth:
    doc = load(path)
    doc.only(("contact", "asked_of", "sole_carer_after", "closes", "groups", "groups_tail",
              "groups_none", "in_passing"))
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
        sole_carer_after=_sole_carer_after(doc.get("sole_carer_after")),
        closes={name: _closure(node) for name, node in doc.get("closes").entries()},
        groups=_groups(doc.get("groups")),
        groups_tail=doc.get("groups_tail").text(),
        groups_none=tuple(p.lower() for p in doc.get("groups_none").texts()),
        in_passing=doc.get("in_passing").choices(INFANT_BLOCK),
    )


def contact_asked(role: str) -> bool:
    return role.rstrip("_0123456789") in load_depth().contact_asked_of


def carer_factors(doc: dict[str, Any], role: str) -> list:
    """The catalogue's carer factors asked of this adult, in the catalogue's order."""
    wanted = load_depth().asked_of.get(doc["carers"].get(role, {}).get("contact"))
    return [f for f in load_catalogue().carer_factors() if wanted is None or f.id in wanted]


def sole_carer_asked(factor_id: str, answer: Mapping[str, Any]) -> bool:
    """Whether "ever alone with the baby?" follows this answer to a carer's factor."""
    after = load_depth().sole_carer_after
    return (factor_id == after.factor and answer.get("status") == "present"
            and answer.get(after.field) in after.values)


def group_of(path: str) -> Group | None:
    """The group a factor (by its path) is asked in, if any."""
    return next((g for g in load_depth().groups.values() if path in g.items), None)


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


def _sole_carer_after(node: Node) -> SoleCarerAfter:
    node.only(("factor", "field", "values", "why"))
    node.get("why").text()
    factor = load_catalogue().factor("carer", node.get("factor").one_of(
        [f.id for f in load_catalogue().carer_factors()]))
    name = node.get("field").one_of(list(factor.fields or {}))
    spec = factor.fields[name]
    values = [item.one_of(spec.values) if spec.values else item.value
              for item in node.get("values").items()]
    return SoleCarerAfter(factor.id, name, tuple(values))


def _groups(node: Node) -> dict[str, Group]:
    """The groups, each checked: only factors asked once per baby that are not key, need no
    corroboration or source, have no follow-ups and are not set from the baby's answers; each
    in one group at most, and at least two in a group."""
    from kbs.assessment.vocabulary import load_vocabulary

    source_asked = load_vocabulary().source_asked
    groupable = {f.path(): f for f in load_catalogue().household_factors()
                 if not (f.key or f.derived or f.fields or f.has("needs_corroboration")
                         or f"{f.domain}.{f.id}" in source_asked)}
    groups, seen = {}, set()
    for name, entry in node.entries():
        entry.only(("ask", "items", "why"))
        items = entry.get("items")
        said = {}
        for path, item in items.entries():
            if path not in groupable:
                item.fail("cannot be asked in a group: only a factor asked once per baby that "
                          "is not key, needs no corroboration or source and has no follow-ups")
            if path in seen:
                item.fail("is already in another group")
            seen.add(path)
            said[path] = item.text()
        if len(said) < 2:
            items.fail("must list at least two factors")
        groups[name] = Group(name, entry.get("ask").text(), said, entry.get("why").text())
    return groups


def _closure(node: Node) -> Closure:
    node.only(("says", "factors", "note"))
    household = [f.path() for f in load_catalogue().household_factors()]
    return Closure(tuple(p.lower() for p in node.get("says").texts()),
                   node.get("factors").choices(household), node.get("note").text())
