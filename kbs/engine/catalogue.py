"""The factor catalogue (kbs/catalogues/factors.yml) as checked, typed objects.

The dialogue asks each factor's question and answers "why are you asking?" from its
rationale; the scoring reads its weight, tags and fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kbs.engine import checks
from kbs.engine.errors import CatalogueError

CATALOGUES_DIR = Path(__file__).resolve().parent.parent / "catalogues"
FACTORS_FILE = CATALOGUES_DIR / "factors.yml"

STATUSES = ("present", "absent", "unknown")
SOURCES = ("observed", "carer_account", "professional", "wider_family")
DOMAINS = ("infant", "household", "carer", "care", "information")
TAGS = ("vulnerability", "stressor", "harmful_response", "hidden", "needs_corroboration")
FIELD_TYPES = ("boolean", "choice", "choices", "integer")
INFANT_BLOCK = ("age_weeks", "gestation_weeks", "birth_weight_kg", "mobile")
CARER_DETAILS = ("relation", "sole_carer")
JUDGEMENT_QUESTIONS = ("immediate_danger", "level")


@dataclass(frozen=True)
class Question:
    """A question that is not a factor (the infant block, a carer's details, judgement)."""

    name: str
    question: str
    rationale: str


@dataclass(frozen=True)
class Field:
    """An extra answer about a present factor, such as substance_use.pattern."""

    name: str
    type: str
    question: str
    values: tuple[Any, ...] = ()
    minimum: int = 0
    maximum: int = 0
    points: Mapping[Any, float] | None = None
    points_each: float = 0.0

    def points_for(self, value: Any) -> float:
        if self.type == "choices":
            return self.points_each * len(value)
        return (self.points or {}).get(value, 0.0)


@dataclass(frozen=True)
class Derivation:
    """How an infant-block answer sets a factor: present when below a limit or equal to a value."""

    source: str
    below: float | None = None
    equals: Any = None

    def status(self, value: Any) -> str:
        hit = value < self.below if self.below is not None else value == self.equals
        return "present" if hit else "absent"

    def describe(self, value: Any) -> str:
        return f"infant.{self.source} is {str(value).lower()}"


@dataclass(frozen=True)
class Factor:
    domain: str
    id: str
    label: str
    question: str
    rationale: str
    options: Mapping[str, str]
    weight: float
    key: bool
    tags: frozenset[str]
    corroborate: str = ""
    external_cause: str = ""
    derived: Derivation | None = None
    fields: Mapping[str, Field] | None = None

    @property
    def per_carer(self) -> bool:
        return self.domain == "carer"

    def path(self, role: str | None = None) -> str:
        """The factor's path in answers and output: infant.preterm, carers.father.non_engagement."""
        return f"carers.{role}.{self.id}" if self.per_carer else f"{self.domain}.{self.id}"

    def has(self, tag: str) -> bool:
        return tag in self.tags

    @property
    def amplifies_only(self) -> bool:
        """A vulnerability with no weight of its own (age, mobility): not an open factor."""
        return self.has("vulnerability") and self.weight == 0


@dataclass(frozen=True)
class Catalogue:
    statuses: Mapping[str, str]
    sources: Mapping[str, str]
    infant_block: Mapping[str, Question]
    carer_details: Mapping[str, Question]
    judgement: Mapping[str, Question]
    factors: tuple[Factor, ...]

    def household_factors(self) -> Iterator[Factor]:
        """Factors asked once per baby (every domain but carer)."""
        return (f for f in self.factors if not f.per_carer)

    def carer_factors(self) -> Iterator[Factor]:
        """Factors asked about each carer."""
        return (f for f in self.factors if f.per_carer)

    def factor(self, domain: str, factor_id: str) -> Factor | None:
        return next((f for f in self.factors if f.domain == domain and f.id == factor_id), None)

    def for_path(self, path: str) -> Factor:
        """The factor behind an output path such as carers.mother.substance_use."""
        parts = path.split(".")
        domain = "carer" if parts[0] == "carers" else parts[0]
        found = self.factor(domain, parts[-1])
        if found is None:
            raise KeyError(path)
        return found


def derived_from_infant(infant: Mapping[str, Any]) -> dict[str, str]:
    """The status each given infant-block answer sets, by the catalogue's ``derived`` rules:
    {"infant.preterm": "present", ...} for a gestation under the catalogue's limit. The
    engine scores a profile by these rules; a discussion applies them to a gestation,
    weight or age it is told, so both use the same thresholds."""
    return {factor.path(): factor.derived.status(infant[factor.derived.source])
            for factor in load_catalogue().household_factors()
            if factor.derived and infant.get(factor.derived.source) is not None}


@cache
def load_catalogue(path: Path = FACTORS_FILE) -> Catalogue:
    """Read and check the factor catalogue; a malformed file raises CatalogueError."""
    return checks.read_data_file(path, "factors catalogue", _catalogue, CatalogueError)


def _catalogue(doc: Mapping[str, Any]) -> Catalogue:
    checks.only_keys(doc, ("statuses", "sources", "infant_block", "carer_details", "judgement",
                           "factors"), "", CatalogueError)
    domains = checks.mapping(doc.get("factors"), "factors", CatalogueError)
    checks.only_keys(domains, DOMAINS, "factors", CatalogueError)
    factors = tuple(
        _factor(domain, factor_id, entry)
        for domain in DOMAINS
        for factor_id, entry in checks.mapping(domains.get(domain), f"factors.{domain}",
                                               CatalogueError).items()
    )
    return Catalogue(
        statuses=_descriptions(doc.get("statuses"), "statuses", STATUSES),
        sources=_descriptions(doc.get("sources"), "sources", SOURCES),
        infant_block=_questions(doc.get("infant_block"), "infant_block", INFANT_BLOCK),
        carer_details=_questions(doc.get("carer_details"), "carer_details", CARER_DETAILS),
        judgement=_questions(doc.get("judgement"), "judgement", JUDGEMENT_QUESTIONS),
        factors=factors,
    )


def _descriptions(value: Any, where: str, names: tuple[str, ...]) -> Mapping[str, str]:
    entries = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entries, names, where, CatalogueError)
    return {name: checks.required_text(entries.get(name), f"{where}.{name}", CatalogueError)
            for name in names}


def _questions(value: Any, where: str, names: tuple[str, ...]) -> Mapping[str, Question]:
    entries = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entries, names, where, CatalogueError)
    questions = {}
    for name in names:
        entry = checks.mapping(entries.get(name), f"{where}.{name}", CatalogueError)
        questions[name] = Question(
            name=name,
            question=checks.required_text(entry.get("question"), f"{where}.{name}.question",
                                          CatalogueError),
            rationale=checks.required_text(entry.get("rationale"), f"{where}.{name}.rationale",
                                           CatalogueError),
        )
    return questions


def _factor(domain: str, factor_id: str, value: Any) -> Factor:
    where = f"factors.{domain}.{factor_id}"
    entry = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entry, ("label", "question", "rationale", "options", "weight", "key", "tags",
                             "corroborate", "external_cause", "derived", "fields"),
                     where, CatalogueError)
    tags = frozenset(checks.one_of(tag, TAGS, f"{where}.tags", CatalogueError)
                     for tag in checks.list_of(entry.get("tags", []), f"{where}.tags",
                                               CatalogueError))
    corroborate = checks.text(entry.get("corroborate", ""), f"{where}.corroborate",
                              CatalogueError)
    if "needs_corroboration" in tags and not corroborate.strip():
        raise CatalogueError(f"{where}.corroborate: required for a needs_corroboration factor")
    options = checks.mapping(entry.get("options"), f"{where}.options", CatalogueError)
    checks.only_keys(options, STATUSES, f"{where}.options", CatalogueError)
    return Factor(
        domain=domain,
        id=factor_id,
        label=checks.required_text(entry.get("label"), f"{where}.label", CatalogueError),
        question=checks.required_text(entry.get("question"), f"{where}.question", CatalogueError),
        rationale=checks.required_text(entry.get("rationale"), f"{where}.rationale",
                                       CatalogueError),
        options={s: checks.required_text(options.get(s), f"{where}.options.{s}", CatalogueError)
                 for s in STATUSES},
        weight=checks.number(entry.get("weight"), f"{where}.weight", CatalogueError,
                             low=0, high=100),
        key=checks.boolean(entry.get("key", False), f"{where}.key", CatalogueError),
        tags=tags,
        corroborate=corroborate,
        external_cause=checks.text(entry.get("external_cause", ""), f"{where}.external_cause",
                                   CatalogueError),
        derived=_derivation(entry.get("derived"), f"{where}.derived"),
        fields={name: _field(name, spec, f"{where}.fields.{name}")
                for name, spec in checks.mapping(entry.get("fields", {}), f"{where}.fields",
                                                 CatalogueError).items()},
    )


def _derivation(value: Any, where: str) -> Derivation | None:
    if value is None:
        return None
    entry = checks.mapping(value, where, CatalogueError)
    checks.only_keys(entry, ("from", "below", "equals"), where, CatalogueError)
    source = checks.one_of(entry.get("from"), INFANT_BLOCK, f"{where}.from", CatalogueError)
    if ("below" in entry) == ("equals" in entry):
        raise CatalogueError(f"{where}: give exactly one of below, equals")
    below = entry.get("below")
    if below is not None:
        checks.number(below, f"{where}.below", CatalogueError, low=0, high=100)
    return Derivation(source=source, below=below, equals=entry.get("equals"))


def _field(name: str, value: Any, where: str) -> Field:
    spec = checks.mapping(value, where, CatalogueError)
    checks.only_keys(spec, ("type", "question", "values", "minimum", "maximum", "points",
                            "points_each"), where, CatalogueError)
    kind = checks.one_of(spec.get("type"), FIELD_TYPES, f"{where}.type", CatalogueError)
    values = tuple(checks.list_of(spec.get("values", []), f"{where}.values", CatalogueError))
    if kind in ("choice", "choices") and not values:
        raise CatalogueError(f"{where}.values: required for a {kind} field")
    pointed_values = {"choice": values, "boolean": (True, False)}.get(kind, ())
    points = _points(spec.get("points", {}), f"{where}.points", pointed_values)
    return Field(
        name=name,
        type=kind,
        question=checks.required_text(spec.get("question"), f"{where}.question", CatalogueError),
        values=values,
        minimum=checks.number(spec.get("minimum", 0), f"{where}.minimum", CatalogueError,
                              low=0, high=1000, whole=True),
        maximum=checks.number(spec.get("maximum", 0), f"{where}.maximum", CatalogueError,
                              low=0, high=1000, whole=True),
        points=points,
        points_each=checks.number(spec.get("points_each", 0), f"{where}.points_each",
                                  CatalogueError, low=0, high=100),
    )


def _points(value: Any, where: str, allowed: tuple[Any, ...]) -> Mapping[Any, float]:
    if not isinstance(value, Mapping):
        raise CatalogueError(f"{where}: must map values to points, got {checks.describe(value)}")
    for key, points in value.items():
        if key not in allowed:
            raise CatalogueError(f"{where}: {key!r} is not one of "
                                 f"{', '.join(str(a).lower() for a in allowed)}")
        checks.number(points, f"{where}.{key}", CatalogueError, low=0, high=100)
    return dict(value)
