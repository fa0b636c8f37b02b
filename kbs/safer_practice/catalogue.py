"""Reading a discussion catalogue: the questions, wording, reasons and sources a lead reviews."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from kbs.safer_practice.answers import ANSWERS
from kbs.yaml_files import read_mapping

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogues"
ANSWER_KINDS = ("yes_no", "place", "carers")
TOP_LEVEL = ("title", "intro", "sources", "questions", "sections", "speak_to_someone",
             "practitioner")


class CatalogueError(ValueError):
    """A catalogue that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class Risk:
    id: str
    when: str  # the answer that means the risk is there
    noted: str
    name: str
    why: str
    instead: str
    sources: tuple[str, ...]
    tier: str | None = None  # safer sleep: never | modifiable
    different_night: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    ask: str
    answer: str  # one of ANSWER_KINDS
    buttons: Any = None
    noted: str | None = None
    already: str | None = None  # confirmed in the plan when the answer is already_when
    already_when: str | None = None
    sources: tuple[str, ...] = ()
    risk: Risk | None = None


@dataclass(frozen=True)
class Catalogue:
    title: str
    intro: str
    sources: dict[str, Source]
    questions: dict[str, Question]
    document: dict[str, Any]  # the whole file, for the sections only one topic uses

    def __getitem__(self, key: str) -> Any:
        return self.document[key]

    def risk_questions(self) -> dict[str, Question]:
        """The questions that can find a risk, keyed by the risk's id."""
        return {q.risk.id: q for q in self.questions.values() if q.risk}


QUESTION_FIELDS = {f.name for f in fields(Question)}
RISK_FIELDS = {f.name for f in fields(Risk)}


@cache
def load_catalogue(name: str, *sections: str) -> Catalogue:
    """The catalogue ``kbs/catalogues/<name>.yml``, which must have ``sections``."""
    return read_catalogue(CATALOGUE_DIR / f"{name}.yml", sections)


def read_catalogue(path: Path, sections: tuple[str, ...] = ()) -> Catalogue:
    doc = read_mapping(path, CatalogueError, "must be a mapping of sections")
    missing = [key for key in (*TOP_LEVEL, *sections) if key not in doc]
    if missing:
        raise CatalogueError(f"{path}: missing {', '.join(missing)}")
    sources = {key: _source(path, key, value) for key, value in doc["sources"].items()}
    questions = {key: _question(path, key, value) for key, value in doc["questions"].items()}
    _check_citations(path, doc, set(sources))
    return Catalogue(doc["title"], doc["intro"], sources, questions, doc)


def _source(path: Path, key: str, value: Any) -> Source:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str)
                                              for k in ("title", "url")):
        raise CatalogueError(f"{path}: sources.{key} needs a title and a url")
    if not value["url"].startswith("https://"):
        raise CatalogueError(f"{path}: sources.{key}.url must be an https:// address")
    return Source(key, value["title"], value["url"])


def _question(path: Path, key: str, value: Any) -> Question:
    where = f"{path}: questions.{key}"
    if not isinstance(value, dict) or not isinstance(value.get("ask"), str):
        raise CatalogueError(f"{where} needs 'ask', the question's wording")
    if value.get("answer") not in ANSWER_KINDS:
        raise CatalogueError(f"{where}.answer must be one of {', '.join(ANSWER_KINDS)}")
    if value.get("already_when") not in (None, *ANSWERS):
        raise CatalogueError(f"{where}.already_when must be one of {', '.join(ANSWERS)}")
    unknown = set(value) - QUESTION_FIELDS
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    risk = value.get("risk")
    rest = {k: v for k, v in value.items() if k not in ("risk", "sources")}
    return Question(id=key, sources=tuple(value.get("sources", ())),
                    risk=_risk(where, risk) if risk is not None else None, **rest)


def _risk(where: str, value: Any) -> Risk:
    needed = ("id", "when", "noted", "name", "why", "instead", "sources")
    if not isinstance(value, dict) or any(k not in value for k in needed):
        raise CatalogueError(f"{where}.risk needs {', '.join(needed)}")
    if value["when"] not in ANSWERS:
        raise CatalogueError(f"{where}.risk.when must be one of {', '.join(ANSWERS)}")
    unknown = set(value) - RISK_FIELDS
    if unknown:
        raise CatalogueError(f"{where}.risk: unknown field(s) {', '.join(sorted(unknown))}")
    if value.get("tier") not in (None, "never", "modifiable"):
        raise CatalogueError(f"{where}.risk.tier must be never or modifiable")
    return Risk(**{**value, "sources": tuple(value["sources"])})


def _check_citations(path: Path, node: Any, known: set[str], where: str = "") -> None:
    """Every ``sources`` list anywhere in the file names sources the file defines."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key == "sources" and isinstance(value, list):
                unknown = [s for s in value if s not in known]
                if unknown:
                    raise CatalogueError(f"{path}: {here} cites unknown source(s) "
                                         f"{', '.join(map(str, unknown))}")
            else:
                _check_citations(path, value, known, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _check_citations(path, value, known, f"{where}[{index}]")


def with_carer(text: str, carer_label: str) -> str:
    """Wording with "{carer}" (or "{Carer}" starting a sentence) replaced by a role."""
    return text.replace("{carer}", carer_label).replace("{Carer}", sentence_case(carer_label))


def sentence_case(text: str) -> str:
    """``text`` with its first letter capitalised and the rest as it is ("Moses basket")."""
    return text[:1].upper() + text[1:]


def messages() -> dict[str, dict[str, Any]]:
    """What the assistant says around the discussions, by id."""
    return _discussion_wording()["messages"]


def answer_words() -> dict[str, list[str]]:
    """This mode's own short-answer phrases (skip, and more for no and yes); the rest are
    the Assess vocabulary's."""
    return _discussion_wording()["answers"]


def plan_labels() -> dict[str, str]:
    """The words a plan is laid out with: "Why", "Instead", "Sources", when it was written."""
    return _discussion_wording()["plan_labels"]


@cache
def _discussion_wording() -> dict[str, Any]:
    path = CATALOGUE_DIR / "discussion.yml"
    doc = read_mapping(path, CatalogueError, "missing messages")
    for section in ("messages", "answers", "plan_labels"):
        if not isinstance(doc.get(section), dict):
            raise CatalogueError(f"{path}: missing {section}")
    for key, message in doc["messages"].items():
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            raise CatalogueError(f"{path}: messages.{key} needs a text")
    return doc
