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

from kbs.catalogues import Node, load

CATALOGUES_DIR = Path(__file__).resolve().parent.parent / "catalogues"
FACTORS_FILE = CATALOGUES_DIR / "factors.yml"

STATUSES = ("present", "absent", "unknown")
SOURCES = ("observed", "carer_account", "professional", "wider_family")
DOMAINS = ("infant", "household", "carer", "care", "information")
TAGS = ("vulnerability", "stressor", "harmful_response", "hidden", "needs_corroboration")
FIELD_TYPES = ("boolean", "choice", "choices", "integer")
INFANT_BLOCK = ("age_weeks", "gestation_weeks", "birth_weight_kg", "mobile")
CARER_DETAILS = ("relation", "sole_carer", "contact")
# How an adult is in touch with the baby (carers.<role>.contact).
CARER_CONTACTS = ("lives_in", "visits", "no_contact")
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
    """How an infant-block answer sets a factor: present when below a limit, at or below a
    limit (``at_most``), or equal to a value."""

    source: str
    below: float | None = None
    at_most: float | None = None
    equals: Any = None

    @property
    def threshold(self) -> bool:
        """A limit on a number (gestation, weight, age), not a value such as mobile: false."""
        return self.below is not None or self.at_most is not None

    def status(self, value: Any) -> str:
        if self.below is not None:
            hit = value < self.below
        elif self.at_most is not None:
            hit = value <= self.at_most
        else:
            hit = value == self.equals
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
    """Read and check the factor catalogue; a malformed file raises
    kbs.catalogues.CatalogueError naming the file, the line and the field."""
    return _catalogue(load(path))


def _catalogue(doc: Node) -> Catalogue:
    doc.only(("statuses", "sources", "infant_block", "carer_details", "judgement", "factors"))
    domains = doc.get("factors")
    domains.only(DOMAINS)
    factors = tuple(_factor(domain, factor_id, entry)
                    for domain in DOMAINS
                    for factor_id, entry in domains.get(domain).entries())
    return Catalogue(
        statuses=_descriptions(doc.get("statuses"), STATUSES),
        sources=_descriptions(doc.get("sources"), SOURCES),
        infant_block=_questions(doc.get("infant_block"), INFANT_BLOCK),
        carer_details=_questions(doc.get("carer_details"), CARER_DETAILS),
        judgement=_questions(doc.get("judgement"), JUDGEMENT_QUESTIONS),
        factors=factors,
    )


def _descriptions(node: Node, names: tuple[str, ...]) -> Mapping[str, str]:
    node.only(names)
    return {name: node.get(name).text() for name in names}


def _questions(node: Node, names: tuple[str, ...]) -> Mapping[str, Question]:
    node.only(names)
    return {name: Question(name=name, question=node.get(name).get("question").text(),
                           rationale=node.get(name).get("rationale").text())
            for name in names}


def _factor(domain: str, factor_id: str, entry: Node) -> Factor:
    entry.only(("label", "question", "rationale", "options", "weight"),
               ("key", "tags", "corroborate", "external_cause", "derived", "fields"))
    tags = frozenset(tag.one_of(TAGS) for tag in entry.get("tags").items(empty_ok=True)) \
        if entry.has("tags") else frozenset()
    corroborate = entry.get("corroborate").optional_text()
    if "needs_corroboration" in tags and not corroborate:
        entry.get("corroborate").fail("is required for a needs_corroboration factor")
    options = entry.get("options")
    options.only(STATUSES)
    return Factor(
        domain=domain,
        id=factor_id,
        label=entry.get("label").text(),
        question=entry.get("question").text(),
        rationale=entry.get("rationale").text(),
        options={status: options.get(status).text() for status in STATUSES},
        weight=entry.get("weight").number(0, 100),
        key=entry.get("key").boolean(default=False),
        tags=tags,
        corroborate=corroborate,
        external_cause=entry.get("external_cause").optional_text(),
        derived=_derivation(entry.get("derived")) if entry.has("derived") else None,
        fields={name: _field(name, spec) for name, spec in entry.get("fields").entries()}
        if entry.has("fields") else {},
    )


DERIVATION_FORMS = ("below", "at_most", "equals")


def _derivation(node: Node) -> Derivation:
    node.only(("from",), DERIVATION_FORMS)
    source = node.get("from").one_of(INFANT_BLOCK)
    if sum(form in node.value for form in DERIVATION_FORMS) != 1:
        node.fail(f"must give exactly one of {', '.join(DERIVATION_FORMS)}")
    limits = {form: node.get(form).number(0, 100) if node.has(form) else None
              for form in ("below", "at_most")}
    return Derivation(source=source, **limits, equals=node.value.get("equals"))


def _field(name: str, spec: Node) -> Field:
    spec.only(("type", "question"), ("values", "minimum", "maximum", "points", "points_each"))
    kind = spec.get("type").one_of(FIELD_TYPES)
    values = tuple(item.value for item in spec.get("values").items(empty_ok=True)) \
        if spec.has("values") else ()
    if kind in ("choice", "choices") and not values:
        spec.get("values").fail(f"is required for a {kind} field")
    pointed_values = {"choice": values, "boolean": (True, False)}.get(kind, ())
    return Field(
        name=name,
        type=kind,
        question=spec.get("question").text(),
        values=values,
        minimum=spec.get("minimum").integer(0, 1000, default=0),
        maximum=spec.get("maximum").integer(0, 1000, default=0),
        points=_points(spec.get("points"), pointed_values) if spec.has("points") else {},
        points_each=spec.get("points_each").number(0, 100, default=0),
    )


def _points(node: Node, allowed: tuple[Any, ...]) -> Mapping[Any, float]:
    for key, points in node.keyed(empty_ok=True):
        if key not in allowed:
            points.fail(f"is not a value of this field (values: "
                        f"{', '.join(str(a).lower() for a in allowed)})")
        points.number(0, 100)
    return dict(node.value)
