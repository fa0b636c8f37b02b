"""Knowledge cards: one YAML file per card in ``kbs/catalogues/knowledge``.

Cards are data a safeguarding lead reviews without reading code, so loading is strict: a
missing or mistyped field is an error naming the file and the field, never a silent default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kbs.paths import KNOWLEDGE_DIR
from kbs.yaml_files import read_mapping

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://\S+$")
_FIELDS = {"id", "title", "answer", "next_steps", "sources", "tags", "questions"}
_SOURCE_FIELDS = {"title", "url", "reference"}


class CardError(ValueError):
    """A card that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    reference: str | None = None

    def cite(self) -> str:
        return f"{self.title}, {self.url or self.reference}"


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    answer: str
    next_steps: tuple[str, ...]
    sources: tuple[Source, ...]
    tags: tuple[str, ...]
    questions: tuple[str, ...]


def load_cards(directory: Path = KNOWLEDGE_DIR) -> list[Card]:
    """Every card in ``directory``, sorted by id (ids are file names, so unique)."""
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise CardError(f"{directory}: no knowledge cards (*.yml)")
    cards = [load_card(path) for path in files]
    return sorted(cards, key=lambda card: card.id)


def load_card(path: Path) -> Card:
    doc = read_mapping(path, CardError, "a card must be a mapping of fields")
    unknown = set(doc) - _FIELDS
    if unknown:
        raise CardError(f"{path}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    card_id = _text(path, doc.get("id"), "id")
    if not _ID.match(card_id):
        raise CardError(f"{path}: 'id' must be lower_snake_case, got {card_id!r}")
    if path.stem != card_id:
        raise CardError(f"{path}: 'id' {card_id!r} must match the file name")
    title = _text(path, doc.get("title"), "title")
    if not title.endswith("?"):
        raise CardError(f"{path}: 'title' must be a question ending with '?'")
    return Card(
        id=card_id,
        title=title,
        answer=_text(path, doc.get("answer"), "answer"),
        next_steps=_texts(path, doc.get("next_steps"), "next_steps"),
        sources=_sources(path, doc.get("sources")),
        tags=_texts(path, doc.get("tags"), "tags"),
        questions=_texts(path, doc.get("questions"), "questions"),
    )


def _text(path: Path, value, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CardError(f"{path}: '{field}' must be non-empty text")
    return value.strip()


def _texts(path: Path, values, field: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise CardError(f"{path}: '{field}' must be a non-empty list")
    return tuple(_text(path, value, f"{field}[{index}]") for index, value in enumerate(values))


def _sources(path: Path, values) -> tuple[Source, ...]:
    if not isinstance(values, list) or not values:
        raise CardError(f"{path}: 'sources' must be a non-empty list")
    return tuple(_source(path, value, f"sources[{index}]") for index, value in enumerate(values))


def _source(path: Path, value, field: str) -> Source:
    if not isinstance(value, dict):
        raise CardError(f"{path}: '{field}' must be a mapping of 'title' and 'url' or 'reference'")
    unknown = set(value) - _SOURCE_FIELDS
    if unknown:
        raise CardError(f"{path}: '{field}' has unknown field(s) {', '.join(sorted(unknown))}")
    title = _text(path, value.get("title"), f"{field}.title")
    url, reference = value.get("url"), value.get("reference")
    if url is None and reference is None:
        raise CardError(f"{path}: '{field}' needs a 'url' or a 'reference'")
    if url is not None and not (isinstance(url, str) and _URL.match(url)):
        raise CardError(f"{path}: '{field}.url' must be an http(s) address")
    if reference is not None:
        reference = _text(path, reference, f"{field}.reference")
    return Source(title=title, url=url, reference=reference)
