"""Knowledge cards: one YAML file per card in ``kbs/catalogues/knowledge``.

Cards are data a safeguarding lead reviews without reading code, so loading is strict: a
missing or mistyped field is a kbs.catalogues.CatalogueError naming the file, the line and the
field, never a silent default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kbs.catalogues import CatalogueError, Node, load
from kbs.chat import link, source_title
from kbs.paths import KNOWLEDGE_DIR

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://\S+$")
_FIELDS = ("id", "title", "answer", "next_steps", "sources", "tags", "questions")


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    reference: str | None = None

    def cite(self) -> str:
        """A link labelled with the title (the chat shows it as one), else the title and
        the reference (a section of the review)."""
        return link(self.title, self.url) if self.url else f"{self.title}, {self.reference}"


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
        raise CatalogueError(directory, "holds no knowledge cards (*.yml)")
    cards = [load_card(path) for path in files]
    return sorted(cards, key=lambda card: card.id)


def load_card(path: Path) -> Card:
    doc = load(path)
    doc.only(_FIELDS)
    card_id = _text(doc.get("id"))
    if not _ID.match(card_id):
        doc.get("id").fail(f"must be lower_snake_case (found {card_id!r})")
    if path.stem != card_id:
        doc.get("id").fail(f"is {card_id!r} but must match the file name ({path.stem!r})")
    title = _text(doc.get("title"))
    if not title.endswith("?"):
        doc.get("title").fail("must be a question ending with '?'")
    return Card(
        id=card_id,
        title=title,
        answer=_text(doc.get("answer")),
        next_steps=_texts(doc.get("next_steps")),
        sources=tuple(_source(node) for node in doc.get("sources").items()),
        tags=_texts(doc.get("tags")),
        questions=_texts(doc.get("questions")),
    )


def _text(node: Node) -> str:
    return node.raw_text().strip()


def _texts(node: Node) -> tuple[str, ...]:
    return tuple(_text(item) for item in node.items())


def _source(node: Node) -> Source:
    node.only(("title",), ("url", "reference"))
    if not node.has("url") and not node.has("reference"):
        node.fail("needs a 'url' or a 'reference'")
    url = node.get("url").value
    if url is not None and not (isinstance(url, str) and _URL.match(url)):
        node.get("url").fail(f"must be an http(s) address (found {url!r})")
    reference = _text(node.get("reference")) if node.has("reference") else None
    return Source(title=source_title(node.get("title")), url=url, reference=reference)
