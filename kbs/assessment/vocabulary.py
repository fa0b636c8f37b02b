"""The Assess dialogue's own prompts and recognised phrases (kbs/catalogues/assessment.yml).

The file is checked when it is read: every factor and field it names must be in the factor
catalogue, and every value one the catalogue allows, so a typo fails loudly, not silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kbs.engine import checks, load_catalogue
from kbs.engine.catalogue import CATALOGUES_DIR, SOURCES
from kbs.engine.errors import CatalogueError

VOCABULARY_FILE = CATALOGUES_DIR / "assessment.yml"
COMMANDS = ("skip", "back", "why", "stop", "help", "where")
PROMPTS = ("reference", "carers", "source", "wider_family", "offer")
CONTACTS = ("refused", "made", "not_yet")
BOOLEAN_KEYS = {"true": True, "false": False}


@dataclass(frozen=True)
class Prompt:
    question: str
    rationale: str


@dataclass(frozen=True)
class Cues:
    """Phrases (and entity mentions) that mean each value of one answer."""

    phrases: Mapping[Any, tuple[str, ...]]
    mentions: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    intro: str
    help: str
    level_lead: str
    level_hint: str
    prompts: Mapping[str, Prompt]
    commands: Mapping[str, tuple[str, ...]]
    polite: tuple[str, ...]
    yes: tuple[str, ...]
    no: tuple[str, ...]
    unknown: tuple[str, ...]
    hedges: tuple[str, ...]
    negations: frozenset[str]
    sources: Mapping[str, tuple[str, ...]]
    telling: tuple[str, ...]
    carer_speakers: frozenset[str]
    short_sources: Mapping[str, tuple[str, ...]]
    mobile: Cues
    in_danger: Cues
    reference_words: frozenset[str]
    not_names: frozenset[str]
    roles: Mapping[str, str]
    not_carers: frozenset[str]
    relation_sides: tuple[str, ...]
    noticed: Mapping[str, tuple[str, ...]]
    factors: Mapping[str, Cues]
    fields: Mapping[str, Cues]
    contact: Mapping[str, tuple[str, ...]]


@cache
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    return checks.read_data_file(path, "assessment vocabulary", _vocabulary, CatalogueError)


def _vocabulary(doc: Mapping[str, Any]) -> Vocabulary:
    checks.only_keys(doc, ("prompts", "commands", "polite", "answers", "sources", "mobile",
                           "in_danger",
                           "reference_words", "not_names", "roles", "not_carers",
                           "relation_sides", "noticed", "factors", "fields", "contact"), "",
                     CatalogueError)
    prompts = _section(doc, "prompts")
    answers = _section(doc, "answers")
    sources = _section(doc, "sources")
    level = _section(prompts, "level", "prompts")
    return Vocabulary(
        intro=_text(prompts, "intro", "prompts"),
        help=_text(prompts, "help", "prompts"),
        level_lead=_text(level, "lead", "prompts.level"),
        level_hint=_text(level, "hint", "prompts.level"),
        prompts={name: _prompt(prompts, name) for name in PROMPTS},
        commands=_phrase_lists(_section(doc, "commands"), "commands", COMMANDS),
        polite=_phrases(doc.get("polite"), "polite"),
        yes=_phrases(answers.get("yes"), "answers.yes"),
        no=_phrases(answers.get("no"), "answers.no"),
        unknown=_phrases(answers.get("unknown"), "answers.unknown"),
        hedges=_phrases(answers.get("hedges"), "answers.hedges"),
        negations=frozenset(_phrases(answers.get("negations"), "answers.negations")),
        sources={name: _phrases(sources.get(name), f"sources.{name}") for name in SOURCES},
        telling=_phrases(sources.get("telling"), "sources.telling"),
        carer_speakers=frozenset(_phrases(sources.get("carer_speakers"),
                                          "sources.carer_speakers")),
        short_sources=_phrase_lists(_section(sources, "short", "sources"), "sources.short",
                                    SOURCES),
        mobile=Cues({BOOLEAN_KEYS[name]: phrases for name, phrases in _phrase_lists(
            _section(doc, "mobile"), "mobile", tuple(BOOLEAN_KEYS)).items()}),
        in_danger=Cues({True: _phrases(doc.get("in_danger"), "in_danger")}),
        reference_words=frozenset(_phrases(doc.get("reference_words"), "reference_words")),
        not_names=frozenset(_phrases(doc.get("not_names"), "not_names")),
        roles={str(k): checks.text(v, f"roles.{k}", CatalogueError)
               for k, v in _section(doc, "roles").items()},
        not_carers=frozenset(_phrases(doc.get("not_carers"), "not_carers")),
        relation_sides=_phrases(doc.get("relation_sides"), "relation_sides"),
        noticed=_phrase_lists(_section(doc, "noticed"), "noticed",
                              ("injury_or_bruise", "immediate_danger")),
        factors=_factor_cues(_section(doc, "factors")),
        fields=_field_cues(_section(doc, "fields")),
        contact=_phrase_lists(_section(doc, "contact"), "contact", CONTACTS),
    )


def _section(doc: Mapping[str, Any], name: str, where: str = "") -> Mapping[str, Any]:
    return checks.mapping(doc.get(name), f"{where}.{name}" if where else name, CatalogueError)


def _text(doc: Mapping[str, Any], name: str, where: str) -> str:
    return " ".join(checks.required_text(doc.get(name), f"{where}.{name}", CatalogueError).split())


def _prompt(prompts: Mapping[str, Any], name: str) -> Prompt:
    entry = _section(prompts, name, "prompts")
    checks.only_keys(entry, ("question", "rationale"), f"prompts.{name}", CatalogueError)
    return Prompt(_text(entry, "question", f"prompts.{name}"),
                  _text(entry, "rationale", f"prompts.{name}"))


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    items = checks.list_of(value, where, CatalogueError)
    return tuple(checks.required_text(str(item) if isinstance(item, int | float) else item,
                                      where, CatalogueError).lower() for item in items)


def _phrase_lists(doc: Mapping[str, Any], where: str,
                  names: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    checks.only_keys(doc, names, where, CatalogueError)
    return {name: _phrases(doc.get(name), f"{where}.{name}") for name in names}


def _factor_cues(doc: Mapping[str, Any]) -> Mapping[str, Cues]:
    catalogue = load_catalogue()
    known = {f"{f.domain}.{f.id}" for f in catalogue.factors}
    cues = {}
    for key, entry in doc.items():
        if key not in known:
            raise CatalogueError(f"factors.{key}: not a factor in factors.yml")
        entry = checks.mapping(entry, f"factors.{key}", CatalogueError)
        checks.only_keys(entry, ("present", "absent", "mentions"), f"factors.{key}",
                         CatalogueError)
        mentions = checks.mapping(entry.get("mentions", {}), f"factors.{key}.mentions",
                                  CatalogueError)
        cues[key] = Cues(
            phrases={status: _phrases(entry.get(status, []), f"factors.{key}.{status}")
                     for status in ("present", "absent")},
            mentions={label: dict.fromkeys(_phrases(values, f"factors.{key}.mentions.{label}"),
                                           "present")
                      for label, values in mentions.items()},
        )
    return cues


def _field_cues(doc: Mapping[str, Any]) -> Mapping[str, Cues]:
    cues = {}
    for key, entry in doc.items():
        where = f"fields.{key}"
        spec = _catalogue_field(key, where)
        entry = dict(checks.mapping(entry, where, CatalogueError))
        mentions = checks.mapping(entry.pop("mentions", {}), f"{where}.mentions",
                                  CatalogueError)
        cues[key] = Cues(
            phrases={_value(spec, name, where): _phrases(phrases, f"{where}.{name}")
                     for name, phrases in entry.items()},
            mentions={label: {str(k): _value(spec, str(v), f"{where}.mentions.{label}")
                              for k, v in checks.mapping(values, f"{where}.mentions.{label}",
                                                         CatalogueError).items()}
                      for label, values in mentions.items()},
        )
    return cues


def _catalogue_field(key: str, where: str):
    factor_key, _, name = key.rpartition(".")
    domain, _, factor_id = factor_key.partition(".")
    factor = load_catalogue().factor(domain, factor_id)
    spec = (factor.fields or {}).get(name) if factor else None
    if spec is None:
        raise CatalogueError(f"{where}: not a factor field in factors.yml")
    return spec


def _value(spec, name: str, where: str) -> Any:
    if spec.type == "boolean":
        if name not in BOOLEAN_KEYS:
            raise CatalogueError(f"{where}: {name!r} is not one of true, false")
        return BOOLEAN_KEYS[name]
    return checks.one_of(name, spec.values, where, CatalogueError)
