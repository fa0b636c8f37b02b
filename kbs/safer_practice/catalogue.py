"""Reading a discussion catalogue: the questions, wording, reasons and sources a lead reviews."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from kbs.catalogues import Node, load
from kbs.chat import Button, Message, source_title
from kbs.safer_practice.answers import ANSWERS

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogues"
WORDING_FILE = CATALOGUE_DIR / "discussion.yml"
ANSWER_KINDS = ("yes_no", "place", "carers")
TOP_LEVEL = ("title", "intro", "sources", "questions", "sections", "speak_to_someone",
             "practitioner")


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
    # False: the other answer leaves the risk unknown rather than excluding it
    excludes: bool = True
    # False: the plan's item naming this risk is left out of the family's copy
    for_family: bool = True


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
    """Read and check a discussion catalogue; a malformed file raises
    kbs.catalogues.CatalogueError naming the file, the line and the field."""
    doc = load(path)
    doc.require((*TOP_LEVEL, *sections))
    sources = {key: _source(key, node) for key, node in doc.get("sources").entries()}
    questions = {key: _question(key, node) for key, node in doc.get("questions").entries()}
    _check_citations(doc, set(sources))
    return Catalogue(doc.get("title").raw_text(), doc.get("intro").raw_text(), sources,
                     questions, doc.value)


def _source(key: str, node: Node) -> Source:
    node.only(("title", "url"))
    return Source(key, source_title(node.get("title")), node.get("url").url())


def _question(key: str, node: Node) -> Question:
    node.only(("ask", "answer"), QUESTION_FIELDS - {"id", "ask", "answer"})
    node.get("ask").raw_text()
    node.get("answer").one_of(ANSWER_KINDS)
    if node.has("already_when"):
        node.get("already_when").one_of(ANSWERS)
    rest = {k: v for k, v in node.value.items() if k not in ("risk", "sources")}
    return Question(id=key, sources=node.get("sources").texts(at_least=0)
                    if node.has("sources") else (),
                    risk=_risk(node.get("risk")) if node.has("risk") else None, **rest)


def _risk(node: Node) -> Risk:
    node.only(("id", "when", "noted", "name", "why", "instead", "sources"),
              RISK_FIELDS - {"id", "when", "noted", "name", "why", "instead", "sources"})
    node.get("when").one_of(ANSWERS)
    if node.has("tier"):
        node.get("tier").one_of(("never", "modifiable"))
    for flag in ("excludes", "for_family"):
        node.get(flag).boolean(default=True)
    return Risk(**{**node.value, "sources": node.get("sources").texts()})


def _check_citations(node: Node, known: set[str]) -> None:
    """Every ``sources`` list anywhere in the file names sources the file defines."""
    if isinstance(node.value, dict):
        for key, value in node.value.items():
            child = node.child(str(key), value)
            if key == "sources" and isinstance(value, list):
                for index, source in enumerate(value):
                    if source not in known:
                        child.child(index, source).fail(
                            f"cites {source!r}, which is not one of the file's sources "
                            f"({', '.join(sorted(known))})")
            else:
                _check_citations(child, known)
    elif isinstance(node.value, list):
        for index, value in enumerate(node.value):
            _check_citations(node.child(index, value), known)


def with_carer(text: str, carer_label: str) -> str:
    """Wording with "{carer}" (or "{Carer}" starting a sentence) replaced by a role."""
    return text.replace("{carer}", carer_label).replace("{Carer}", sentence_case(carer_label))


def sentence_case(text: str) -> str:
    """``text`` with its first letter capitalised and the rest as it is ("Moses basket")."""
    return text[:1].upper() + text[1:]


def messages() -> dict[str, dict[str, Any]]:
    """What the assistant says around the discussions, by id."""
    return _discussion_wording()["messages"]


def say(message_id: str, **values: Any) -> Message:
    """One of the messages around the discussions, its ``{placeholders}`` filled in."""
    message = messages()[message_id]
    return Message(message["text"].strip().format(**values), tuple(
        Button(button["title"], button["payload"].format(**values))
        for button in message.get("buttons", [])))


def answer_words() -> dict[str, list[str]]:
    """This mode's own short-answer phrases (skip, and more for no and yes); the rest are
    the Assess vocabulary's."""
    return _discussion_wording()["answers"]


def plan_labels() -> dict[str, str]:
    """The words a plan is laid out with: "Why", "Instead", "Sources", when it was written."""
    return _discussion_wording()["plan_labels"]


def read_wording(path: Path = WORDING_FILE) -> dict[str, Any]:
    """The wording around both discussions (messages, answers, plan labels), checked; a
    malformed file raises kbs.catalogues.CatalogueError naming the file, the line and the
    field."""
    doc = load(path)
    doc.require(("messages", "answers", "plan_labels"))
    for section in ("answers", "plan_labels"):
        doc.get(section).mapping()
    for _key, message in doc.get("messages").entries():
        message.get("text").raw_text()
    return doc.value


@cache
def _discussion_wording() -> dict[str, Any]:
    return read_wording()
