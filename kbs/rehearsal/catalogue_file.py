"""Reading a YAML catalogue file field by field, so that every error names the file and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the file and the field."""


def read_document(path: Path) -> Node:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise CatalogueError(f"{path}: cannot be read as YAML ({err})") from err
    node = Node(path, "", doc)
    node.mapping()
    return node


@dataclass(frozen=True)
class Node:
    """One value in a catalogue file, with where it is (``hidden_facts[2].openness``)."""

    file: Path
    field: str
    value: Any

    def fail(self, problem: str) -> NoReturn:
        where = f"field '{self.field}'" if self.field else "the document"
        raise CatalogueError(f"{self.file}: {where} {problem}")

    def _join(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.field}[{key}]"
        return f"{self.field}.{key}" if self.field else key

    def mapping(self) -> dict:
        if not isinstance(self.value, dict) or not self.value:
            self.fail("must be a mapping of names to values")
        return self.value

    def only(self, required: set[str], optional: frozenset[str] = frozenset()) -> None:
        """Fail on a missing required key or an unknown one (most often a typo)."""
        keys = set(self.mapping())
        for key in sorted(required - keys):
            Node(self.file, self._join(key), None).fail("is missing")
        for key in sorted(keys - required - optional):
            Node(self.file, self._join(key), None).fail(
                f"is not a known field (known: {', '.join(sorted(required | optional))})")

    def get(self, key: str) -> Node:
        return Node(self.file, self._join(key), self.mapping().get(key))

    def has(self, key: str) -> bool:
        return self.mapping().get(key) is not None

    def entries(self) -> list[tuple[str, Node]]:
        return [(str(key), Node(self.file, self._join(str(key)), value))
                for key, value in self.mapping().items()]

    def items(self) -> list[Node]:
        if not isinstance(self.value, list) or not self.value:
            self.fail("must be a non-empty list")
        return [Node(self.file, self._join(i), value) for i, value in enumerate(self.value)]

    def text(self) -> str:
        if isinstance(self.value, int | float):
            self.fail(f"must be text; put the number in quotes (\"{self.value}\")")
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("must be non-empty text")
        return " ".join(self.value.split())

    def texts(self, at_least: int = 1) -> tuple[str, ...]:
        texts = tuple(item.text() for item in self.items())
        if len(texts) < at_least:
            self.fail(f"must have at least {at_least} entries (found {len(texts)})")
        return texts

    def identifier(self) -> str:
        text = self.text()
        if not text.replace("_", "").isalnum() or not text.islower():
            self.fail(f"must be lower-case letters, digits and underscores (found {text!r})")
        return text

    def integer(self, lowest: int, highest: int) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int) \
                or not lowest <= self.value <= highest:
            self.fail(f"must be a whole number from {lowest} to {highest} "
                      f"(found {self.value!r})")
        return self.value

    def choices(self, allowed: list[str]) -> tuple[str, ...]:
        chosen = self.texts()
        for i, choice in enumerate(chosen):
            if choice not in allowed:
                Node(self.file, self._join(i), choice).fail(
                    f"is {choice!r}, which is not one of: {', '.join(allowed)}")
        return chosen
