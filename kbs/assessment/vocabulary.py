"""The Assess dialogue's own wording and recognised phrases (kbs/catalogues/assessment.yml).

The file is read with the one loader (``kbs.catalogues.load``) and checked when it is read:
every factor and field it names must be in the factor catalogue, every value one the
catalogue allows, and every message's {placeholders} plain names, so a typo fails loudly
(naming the file, line and field), not silently. The words every mode reads alike
(negations, mobility, relations) are kbs/catalogues/words.yml's (``kbs.text``): the
baby's mobility is read from the facts (``interpret.mobility``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any

from kbs.catalogues import Node, load
from kbs.chat import Button
from kbs.engine import load_catalogue
from kbs.engine.catalogue import INFANT_BLOCK, SOURCES
from kbs.engine.routes_config import CRISIS_IDS
from kbs.paths import CATALOGUES_DIR
from kbs.text.lexicon import load_lexicon

VOCABULARY_FILE = CATALOGUES_DIR / "assessment.yml"
COMMANDS = ("skip", "back", "why", "stop", "help", "where")
PROMPTS = ("reference", "carers", "source", "wider_family", "offer")
CONTACTS = ("refused", "made", "not_yet")
BOOLEAN_KEYS = {"true": True, "false": False}
SECTIONS = ("infant", "household", "care", "information", "carers", "judgement")
NOTES = ("pending_source", "no_evidence", "noticed", "noticed_kept")
NOTICED = ("injury_or_bruise", "immediate_danger")


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
    sources: Mapping[str, tuple[str, ...]]
    telling: tuple[str, ...]
    carer_speakers: frozenset[str]
    short_sources: Mapping[str, tuple[str, ...]]
    in_danger: Cues
    reference_words: frozenset[str]
    roles: Mapping[str, str]
    noticed: Mapping[str, tuple[str, ...]]
    factors: Mapping[str, Cues]
    fields: Mapping[str, Cues]
    contact: Mapping[str, tuple[str, ...]]
    messages: Mapping[str, str]
    buttons: Mapping[str, Button]
    sections: Mapping[str, str]
    source_words: Mapping[str, str]
    infant_labels: Mapping[str, str]
    notes: Mapping[str, str]
    crisis: Mapping[str, str]  # factor key (carer.mental_health) -> the routes file's crisis id
    corrections: tuple[str, ...] = ()
    question_openers: tuple[str, ...] = ()
    question_words: frozenset[str] = frozenset()
    statuses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    contrast: tuple[str, ...] = ()
    asked_in_the_negative: frozenset[str] = frozenset()  # factor keys (carer.icon_not_discussed)
    source_asked: frozenset[str] = frozenset()  # factor keys: the source is asked for
    # factor keys: a carer's account and another's, both saying present, differ in extent
    differ_in_degree: frozenset[str] = frozenset()
    # Read alike in every mode (kbs/catalogues/words.yml).
    negations: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()

    def say(self, message_id: str, **values: Any) -> str:
        """The message ``message_id`` with its placeholders filled by ``values``: every
        one of them, and no others."""
        return fill(self.messages[message_id], message_id, values)

    def button(self, button_id: str, **values: Any) -> Button:
        button = self.buttons[button_id]
        return Button(fill(button.title, button_id, values), button.payload)


def say(message_id: str, **values: Any) -> str:
    """A message from assessment.yml's ``messages``, its {placeholders} filled."""
    return load_vocabulary().say(message_id, **values)


def button(button_id: str, **values: Any) -> Button:
    """A button from assessment.yml's ``buttons``: its title (placeholders filled) and the
    words it sends."""
    return load_vocabulary().button(button_id, **values)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def fill(text: str, what: str, values: Mapping[str, Any]) -> str:
    wanted = placeholders(text)
    if wanted != set(values):
        raise KeyError(f"{what}: the wording needs {sorted(wanted)}, was given {sorted(values)}")
    return text.format(**values)


@cache
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    doc = load(path)
    doc.only(("prompts", "commands", "polite", "answers", "sources", "in_danger",
              "reference_words", "roles", "noticed", "factors", "fields",
              "contact", "messages", "buttons", "sections", "source_words", "infant_labels",
              "notes", "crisis", "corrections", "questions", "asked_in_the_negative",
              "source_asked", "differ_in_degree"))
    prompts, answers, sources = doc.get("prompts"), doc.get("answers"), doc.get("sources")
    prompts.only(("intro", "help", "level", *PROMPTS))
    answers.only(("yes", "no", "unknown", "hedges", "statuses"))
    sources.only((*SOURCES, "telling", "carer_speakers", "short", "contrast"))
    questions = doc.get("questions")
    questions.only(("openers", "words"))
    level = prompts.get("level")
    level.only(("lead", "hint"))
    lexicon = load_lexicon()
    return Vocabulary(
        intro=_wording(prompts.get("intro")),
        help=_wording(prompts.get("help")),
        level_lead=_wording(level.get("lead")),
        level_hint=_wording(level.get("hint")),
        prompts={name: _prompt(prompts.get(name)) for name in PROMPTS},
        commands=_phrase_lists(doc.get("commands"), COMMANDS),
        polite=_phrases(doc.get("polite")),
        yes=_phrases(answers.get("yes")),
        no=_phrases(answers.get("no")),
        unknown=_phrases(answers.get("unknown")),
        hedges=_phrases(answers.get("hedges")),
        sources={name: _phrases(sources.get(name)) for name in SOURCES},
        telling=_phrases(sources.get("telling")),
        carer_speakers=frozenset(_phrases(sources.get("carer_speakers"))),
        short_sources=_phrase_lists(sources.get("short"), SOURCES),
        in_danger=Cues({True: _phrases(doc.get("in_danger"))}),
        reference_words=frozenset(_phrases(doc.get("reference_words"))),
        roles={name: node.text() for name, node in doc.get("roles").entries()},
        noticed=_phrase_lists(doc.get("noticed"), NOTICED),
        factors=_factor_cues(doc.get("factors")),
        fields=_field_cues(doc.get("fields")),
        contact=_phrase_lists(doc.get("contact"), CONTACTS),
        messages={name: _wording(node) for name, node in doc.get("messages").entries()},
        buttons={name: _button(node) for name, node in doc.get("buttons").entries()},
        sections=_labels(doc.get("sections"), SECTIONS),
        source_words=_labels(doc.get("source_words"), SOURCES),
        infant_labels=_labels(doc.get("infant_labels"), INFANT_BLOCK),
        notes=_labels(doc.get("notes"), NOTES),
        crisis=_crisis(doc.get("crisis")),
        negations=lexicon.negations,
        children=lexicon.children,
        corrections=_phrases(doc.get("corrections")),
        question_openers=_phrases(questions.get("openers")),
        question_words=frozenset(_phrases(questions.get("words"))),
        statuses=_phrase_lists(answers.get("statuses"), ("present", "absent")),
        contrast=_phrases(sources.get("contrast")),
        asked_in_the_negative=_factor_keys(doc.get("asked_in_the_negative")),
        source_asked=_factor_keys(doc.get("source_asked")),
        differ_in_degree=_factor_keys(doc.get("differ_in_degree")),
    )


def _factor_keys(node: Node) -> frozenset[str]:
    known = {f"{f.domain}.{f.id}" for f in load_catalogue().factors}
    for item in node.items():
        if item.text() not in known:
            item.fail("is not a factor in factors.yml")
    return frozenset(item.text() for item in node.items())


def _wording(node: Node) -> str:
    """Text a practitioner reads; its {placeholders} must be plain names."""
    text = node.text()
    try:
        parts = list(Formatter().parse(text))
    except ValueError as err:
        node.fail(f"has a stray brace ({err})")
    for _, name, spec, conversion in parts:
        if name is not None and (not name.isidentifier() or spec or conversion):
            node.fail(f"has the placeholder {{{name}}}: use a plain name such as {{reference}}")
    return text


def _prompt(node: Node) -> Prompt:
    node.only(("question", "rationale"))
    return Prompt(_wording(node.get("question")), _wording(node.get("rationale")))


def _button(node: Node) -> Button:
    node.only(("title", "says"))
    return Button(_wording(node.get("title")), node.get("says").text())


def _labels(node: Node, names: tuple[str, ...]) -> Mapping[str, str]:
    node.only(names)
    return {name: _wording(node.get(name)) for name in names}


def _phrases(node: Node, empty_ok: bool = False) -> tuple[str, ...]:
    return tuple(text.lower() for text in node.texts(at_least=0 if empty_ok else 1))


def _phrase_lists(node: Node, names: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    node.only(names)
    return {name: _phrases(node.get(name)) for name in names}


def _factor_cues(node: Node) -> Mapping[str, Cues]:
    known = {f"{f.domain}.{f.id}" for f in load_catalogue().factors}
    cues = {}
    for key, entry in node.entries():
        if key not in known:
            entry.fail("is not a factor in factors.yml")
        entry.only((), ("present", "absent", "mentions"))
        cues[key] = Cues(
            phrases={status: _phrases(entry.get(status), empty_ok=True) if entry.has(status)
                     else () for status in ("present", "absent")},
            mentions={label: dict.fromkeys(_phrases(values), "present")
                      for label, values in (entry.get("mentions").entries()
                                            if entry.has("mentions") else ())},
        )
    return cues


def _field_cues(node: Node) -> Mapping[str, Cues]:
    cues = {}
    for key, entry in node.entries():
        spec = _catalogue_field(key, entry)
        values = [(name, phrases) for name, phrases in entry.entries() if name != "mentions"]
        mentions = entry.get("mentions").entries() if entry.has("mentions") else []
        cues[key] = Cues(
            phrases={_value(spec, name, phrases): _phrases(phrases, empty_ok=True)
                     for name, phrases in values},
            mentions={label: {said: _value(spec, str(value.value), value)
                              for said, value in found.entries()}
                      for label, found in mentions},
        )
    return cues


def _crisis(node: Node) -> Mapping[str, str]:
    known = {f"{f.domain}.{f.id}" for f in load_catalogue().factors}
    crisis = {}
    for key, entry in node.entries():
        if key not in known:
            entry.fail("is not a factor in factors.yml")
        crisis[key] = entry.one_of(CRISIS_IDS)
    return crisis


def _catalogue_field(key: str, node: Node):
    factor_key, _, name = key.rpartition(".")
    domain, _, factor_id = factor_key.partition(".")
    factor = load_catalogue().factor(domain, factor_id)
    spec = (factor.fields or {}).get(name) if factor else None
    if spec is None:
        node.fail("is not a factor field in factors.yml")
    return spec


def _value(spec, name: str, node: Node) -> Any:
    if spec.type == "boolean":
        if name not in BOOLEAN_KEYS:
            node.fail(f"is {name!r}, which is not one of: true, false")
        return BOOLEAN_KEYS[name]
    if name not in spec.values:
        node.fail(f"is {name!r}, which is not one of: {', '.join(map(str, spec.values))}")
    return name
