"""A profile's answers (docs/PROFILE-FORMAT.md, "Answers format"): read, check and model them.

Every problem raises AnswersError with one line naming the field; nothing is silently
defaulted except what the format defines (a factor not mentioned is unknown).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kbs.engine import checks
from kbs.engine.catalogue import (
    CARER_CONTACTS,
    CARER_DETAILS,
    SOURCES,
    STATUSES,
    Factor,
    Field,
    load_catalogue,
)
from kbs.engine.errors import AnswersError
from kbs.engine.safer_sleep import modifiable_risks, never_circumstances

TOP_LEVEL = ("assessed_on", "infant", "factors", "carers", "judgement", "wider_family")
INFANT_RANGES = {"age_weeks": (0, 52), "gestation_weeks": (20, 45), "birth_weight_kg": (0.2, 7)}
ROLES = ("mother", "father", "partner", "other_adult")
ROLE_PATTERN = re.compile(r"^(mother|father|partner|other_adult)(_([2-9]|[1-9][0-9]+))?$")
CONTACTS = ("not_yet", "made", "refused")


@dataclass(frozen=True)
class Account:
    """One person's account of a factor, kept beside others that differ from it."""

    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One factor's answer; a factor not mentioned is an unknown Entry."""

    status: str = "unknown"
    source: str | None = None
    note: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    derived_from: str = ""
    accounts: tuple[Account, ...] = ()  # accounts that differ: the factor is contradicted

    @property
    def contradicted(self) -> bool:
        """Two or more accounts that differ (review 5.8, 5.14): counted as present, and a
        reason for hidden risk."""
        return len(self.accounts) > 1

    @property
    def present(self) -> bool:
        return self.status == "present"

    @property
    def absent(self) -> bool:
        return self.status == "absent"

    @property
    def unknown(self) -> bool:
        return self.status == "unknown"


UNKNOWN = Entry()


@dataclass(frozen=True)
class Infant:
    age_weeks: float | None = None
    gestation_weeks: float | None = None
    birth_weight_kg: float | None = None
    mobile: bool | None = None


@dataclass(frozen=True)
class Carer:
    role: str
    entries: Mapping[str, Entry]
    relation: str = ""
    sole_carer: bool | None = None
    contact: str | None = None  # lives_in, visits, no_contact (CARER_CONTACTS); None: not known

    @property
    def name(self) -> str:
        """How reports refer to this carer: "the father", "the grandmother (other adult 2)"."""
        role = self.role.replace("_", " ")
        return f"the {self.relation} ({role})" if self.relation not in ("", role) else f"the {role}"

    def entry(self, factor_id: str) -> Entry:
        return self.entries.get(factor_id, UNKNOWN)


@dataclass(frozen=True)
class Relative:
    """A wider-family member named in the answers (an extension of the spec's format)."""

    relation: str
    contact: str
    note: str = ""


@dataclass(frozen=True)
class Judgement:
    level: int | None = None
    note: str = ""
    immediate_danger: bool = False


@dataclass(frozen=True)
class FactorAnswer:
    """A catalogue factor as it applies to this baby: its path, and the answer (or unknown)."""

    path: str
    factor: Factor
    entry: Entry
    carer: Carer | None = None


@dataclass(frozen=True)
class Answers:
    infant: Infant
    entries: Mapping[str, Entry]
    carers: tuple[Carer, ...]
    judgement: Judgement
    wider_family: tuple[Relative, ...] = ()
    assessed_on: str | None = None

    def entry(self, path: str) -> Entry:
        """The answer at a path such as infant.preterm or carers.mother.substance_use."""
        domain, *rest = path.split(".")
        if domain == "carers":
            role, factor_id = rest
            carer = next((c for c in self.carers if c.role == role), None)
            return carer.entry(factor_id) if carer else UNKNOWN
        return self.entries.get(path, UNKNOWN)

    def factor_answers(self) -> list[FactorAnswer]:
        """Every catalogue factor for this baby and each carer, unknown where not answered."""
        catalogue = load_catalogue()
        answers = [FactorAnswer(f.path(), f, self.entry(f.path()))
                   for f in catalogue.household_factors()]
        for carer in self.carers:
            answers += [FactorAnswer(f.path(carer.role), f, carer.entry(f.id), carer)
                        for f in catalogue.carer_factors()]
        return answers


def load_answers(path: str | Path) -> Answers:
    """Read an answers file (JSON if it ends in .json, YAML otherwise) and check it."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "not UTF-8 text"
        raise AnswersError(f"{path}: cannot be read ({reason})") from err
    try:
        return parse_answers(_decode(raw, path))
    except AnswersError as err:
        raise AnswersError(f"{path}: {err}") from err


def _decode(raw: str, path: Path) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError as err:
            raise AnswersError(
                f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from err
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as err:
        raise AnswersError(checks.yaml_problem(err)) from err


def parse_answers(doc: Any) -> Answers:
    """Check an answers document (a dict as from JSON or YAML) and model it."""
    doc = checks.mapping(doc, "answers", AnswersError)
    checks.only_keys(doc, TOP_LEVEL, "", AnswersError)
    infant = _infant(doc.get("infant"))
    entries = _derive(infant, _entries(doc.get("factors")))
    _check_sleep(entries)
    return Answers(
        infant=infant,
        entries=entries,
        carers=_carers(doc.get("carers")),
        judgement=_judgement(doc.get("judgement")),
        wider_family=_wider_family(doc.get("wider_family")),
        assessed_on=_date(doc.get("assessed_on")),
    )


def _or_empty(value: Any, empty: Any) -> Any:
    """An empty YAML key (null) means nothing given; any other value is checked as it is."""
    return empty if value is None else value


def _date(value: Any) -> str | None:
    if value is None or isinstance(value, date):
        return value.isoformat() if value else None
    try:
        return date.fromisoformat(checks.text(value, "assessed_on", AnswersError)).isoformat()
    except ValueError as err:
        raise AnswersError(f"assessed_on: {value!r} is not a date (YYYY-MM-DD)") from err


def _infant(value: Any) -> Infant:
    block = checks.mapping(_or_empty(value, {}), "infant", AnswersError)
    checks.only_keys(block, (*INFANT_RANGES, "mobile"), "infant", AnswersError)
    numbers = {name: None if block.get(name) is None else
               checks.number(block[name], f"infant.{name}", AnswersError, low=low, high=high)
               for name, (low, high) in INFANT_RANGES.items()}
    mobile = block.get("mobile")
    return Infant(**numbers, mobile=None if mobile is None else
                  checks.boolean(mobile, "infant.mobile", AnswersError))


def _entries(value: Any) -> dict[str, Entry]:
    given = checks.mapping(_or_empty(value, {}), "factors", AnswersError)
    catalogue = load_catalogue()
    known = {f.path(): f for f in catalogue.household_factors()}
    entries = {}
    for path, answer in given.items():
        if path.startswith("carers."):
            raise AnswersError(f"factors.{path}: a carer's factors go under carers.<role>")
        if path not in known:
            raise AnswersError(f"factors.{path}: unknown factor{_suggest(path, known)}")
        entries[path] = _entry(known[path], answer, f"factors.{path}")
    return entries


def _suggest(name: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _entry(factor: Factor, value: Any, where: str) -> Entry:
    answer = checks.mapping(value, where, AnswersError)
    fields = factor.fields or {}
    checks.only_keys(answer, ("status", "source", "note", "accounts", *fields), where,
                     AnswersError)
    status = checks.one_of(answer.get("status"), STATUSES, f"{where}.status", AnswersError)
    accounts = _accounts(answer.get("accounts"), f"{where}.accounts")
    if len(accounts) > 1 and status != "present":
        raise AnswersError(f"{where}.status: {status!r} but the accounts differ; a "
                           "contradicted factor counts as 'present'")
    source = answer.get("source")
    if source is None and status == "absent":
        raise AnswersError(f"{where}.source: required when status is 'absent' "
                           f"(an exclusion rests on evidence: one of {', '.join(SOURCES)})")
    return Entry(
        status=status,
        source=None if source is None else
        checks.one_of(source, SOURCES, f"{where}.source", AnswersError),
        note=checks.text(answer.get("note", ""), f"{where}.note", AnswersError),
        details={name: _detail(spec, answer[name], f"{where}.{name}")
                 for name, spec in fields.items() if name in answer},
        accounts=accounts,
    )


def _accounts(value: Any, where: str) -> tuple[Account, ...]:
    """Accounts that differ, each with its status and source (and its words as a note)."""
    accounts = []
    for index, item in enumerate(checks.list_of(_or_empty(value, []), where, AnswersError)):
        at = f"{where}[{index}]"
        account = checks.mapping(item, at, AnswersError)
        checks.only_keys(account, ("status", "source", "note"), at, AnswersError)
        accounts.append(Account(
            status=checks.one_of(account.get("status"), STATUSES, f"{at}.status", AnswersError),
            source=checks.one_of(account.get("source"), SOURCES, f"{at}.source", AnswersError),
            note=checks.text(account.get("note", ""), f"{at}.note", AnswersError)))
    return tuple(accounts)


def _detail(spec: Field, value: Any, where: str) -> Any:
    if spec.type == "boolean":
        return checks.boolean(value, where, AnswersError)
    if spec.type == "integer":
        return int(checks.number(value, where, AnswersError, low=spec.minimum,
                                 high=spec.maximum, whole=True))
    if spec.type == "choice":
        return checks.one_of(value, spec.values, where, AnswersError)
    items = checks.list_of(value, where, AnswersError)
    for item in items:
        checks.one_of(item, spec.values, where, AnswersError)
    if len(set(items)) != len(items):
        raise AnswersError(f"{where}: lists an item twice")
    return tuple(items)


def _derive(infant: Infant, entries: dict[str, Entry]) -> dict[str, Entry]:
    """Set the factors that follow from the infant block; a contradiction is an error."""
    for factor in load_catalogue().household_factors():
        value = getattr(infant, factor.derived.source) if factor.derived else None
        if value is None:
            continue
        path = factor.path()
        status = factor.derived.status(value)
        given = entries.get(path, UNKNOWN)
        if not given.unknown and given.status != status:
            raise AnswersError(f"factors.{path}.status: {given.status!r} contradicts "
                               f"{factor.derived.describe(value)}")
        if given.unknown:
            entries[path] = Entry(status=status, note=factor.derived.describe(value),
                                  derived_from=f"infant.{factor.derived.source}")
    return entries


def _check_sleep(entries: Mapping[str, Entry]) -> None:
    """care.unsafe_sleep is present where a never-circumstance or 2+ modifiable risks remain."""
    sleep = entries.get("care.unsafe_sleep", UNKNOWN)
    if sleep.present:
        return
    never = never_circumstances(sleep.details,
                                preterm=entries.get("infant.preterm", UNKNOWN).present,
                                low_birth_weight=entries.get("infant.low_birth_weight",
                                                             UNKNOWN).present)
    modifiable = modifiable_risks(sleep.details)
    if never or len(modifiable) > 1:
        remaining = ", ".join(never or modifiable)
        raise AnswersError(f"factors.care.unsafe_sleep.status: {sleep.status!r} but {remaining} "
                           f"remain{'s' if len(never or modifiable) == 1 else ''}; "
                           "the status is 'present'")


def _carers(value: Any) -> tuple[Carer, ...]:
    given = checks.mapping(_or_empty(value, {}), "carers", AnswersError)
    factors = {f.id: f for f in load_catalogue().carer_factors()}
    carers = []
    for role, answers in given.items():
        where = f"carers.{role}"
        if not ROLE_PATTERN.match(role):
            raise AnswersError(f"{where}: unknown role (one of {', '.join(ROLES)}; "
                               "a second or further of any role adds _2, _3 ...)")
        answers = checks.mapping(_or_empty(answers, {}), where, AnswersError)
        for name in answers:
            if name not in factors and name not in CARER_DETAILS:
                raise AnswersError(f"{where}.{name}: unknown carer factor"
                                   f"{_suggest(name, {**factors, **dict.fromkeys(CARER_DETAILS)})}")
        sole = answers.get("sole_carer")
        carers.append(Carer(
            role=role,
            entries={name: _entry(factors[name], answer, f"{where}.{name}")
                     for name, answer in answers.items() if name in factors},
            relation=checks.text(answers.get("relation", ""), f"{where}.relation", AnswersError),
            sole_carer=None if sole is None else
            checks.boolean(sole, f"{where}.sole_carer", AnswersError),
            contact=None if answers.get("contact") is None else
            checks.one_of(answers["contact"], CARER_CONTACTS, f"{where}.contact", AnswersError),
        ))
    return tuple(carers)


def _judgement(value: Any) -> Judgement:
    block = checks.mapping(_or_empty(value, {}), "judgement", AnswersError)
    checks.only_keys(block, ("level", "note", "immediate_danger"), "judgement", AnswersError)
    level = block.get("level")
    note = checks.text(_or_empty(block.get("note"), ""), "judgement.note", AnswersError)
    if level is not None:
        level = int(checks.number(level, "judgement.level", AnswersError, low=1, high=4,
                                  whole=True))
        if not note.strip():
            raise AnswersError("judgement.note: required when judgement.level is set (say why)")
    danger = block.get("immediate_danger", False)
    return Judgement(level=level, note=note,
                     immediate_danger=checks.boolean(danger, "judgement.immediate_danger",
                                                     AnswersError))


def _wider_family(value: Any) -> tuple[Relative, ...]:
    relatives = []
    items = checks.list_of(_or_empty(value, []), "wider_family", AnswersError)
    for index, item in enumerate(items):
        where = f"wider_family[{index}]"
        entry = checks.mapping(item, where, AnswersError)
        checks.only_keys(entry, ("relation", "contact", "note"), where, AnswersError)
        relatives.append(Relative(
            relation=checks.required_text(entry.get("relation"), f"{where}.relation",
                                          AnswersError),
            contact=checks.one_of(entry.get("contact"), CONTACTS, f"{where}.contact",
                                  AnswersError),
            note=checks.text(entry.get("note", ""), f"{where}.note", AnswersError),
        ))
    return tuple(relatives)
