"""The one loader of the project's data files: catalogues, personas, knowledge cards, routes,
entity patterns, thesaurus, evaluation and bench files.

``load(path)`` reads a YAML file into a ``Node``: a value together with where it is (the file,
the field's dotted name such as ``hidden_facts[2].openness``, and the line the YAML parser
saw it on). Every check a reader makes goes through a Node, so every problem is one kind of
error, ``CatalogueError``, whose message names the file, the line where it is known, and the
field::

    kbs/catalogues/personas/mother_drinking.yml, line 14: field 'openness' must be a whole
    number from 0 to 5 (found 9)

A reader builds its typed objects from Nodes and never opens a file itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

Lines = dict[tuple[str | int, ...], int]


class CatalogueError(ValueError):
    """A data file that cannot be used; the message names the file, the line and the field."""

    def __init__(self, file: Path | str, problem: str, *, field: str = "",
                 line: int | None = None):
        self.file = Path(file)
        self.field = field
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line else f"{file}"
        what = f"field '{field}'" if field else \
            "the folder" if self.file.is_dir() else "the document"
        super().__init__(f"{where}: {what} {problem}")


def load(path: Path, *, empty_ok: bool = False) -> Node:
    """The document at the top of a YAML file, as a Node; a file that cannot be read, is not
    valid YAML or is empty raises CatalogueError (with the parser's line and column)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise CatalogueError(path, f"cannot be read ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise CatalogueError(path, "cannot be read (not UTF-8 text)") from err
    return parse(text, path, empty_ok=empty_ok)


def parse(text: str, path: Path | str, *, empty_ok: bool = False) -> Node:
    """``load`` for text already read (``path`` names where it came from)."""
    try:
        value = yaml.safe_load(text)
        composed = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        column = f", column {mark.column + 1}" if mark else ""
        raise CatalogueError(path, f"is not valid YAML{column}: {problem}",
                             line=mark.line + 1 if mark else None) from err
    if value is None and not empty_ok:
        raise CatalogueError(path, "is empty")
    lines: Lines = {}
    if composed is not None:
        _collect_lines(composed, (), lines)
    return Node(Path(path), (), value, lines)


def _collect_lines(node: yaml.Node, at: tuple[str | int, ...], lines: Lines) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            lines[(*at, name)] = key.start_mark.line + 1
            _collect_lines(value, (*at, name), lines)
            lines[(*at, name)] = key.start_mark.line + 1  # the key's line names the field
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*at, index), lines)


@dataclass(frozen=True)
class Node:
    """One value in a data file, with where it is."""

    file: Path
    path: tuple[str | int, ...]
    value: Any
    lines: Lines = field(default_factory=dict, repr=False, compare=False)

    # -- where ---------------------------------------------------------------------------

    @property
    def field(self) -> str:
        """The dotted name of this value: ``hidden_facts[2].openness``."""
        name = ""
        for part in self.path:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
        return name

    @property
    def line(self) -> int | None:
        """The line the value (or, failing that, its nearest parent) is on."""
        for end in range(len(self.path), -1, -1):
            if self.path[:end] in self.lines:
                return self.lines[self.path[:end]]
        return None

    def fail(self, problem: str) -> NoReturn:
        raise CatalogueError(self.file, problem, field=self.field, line=self.line)

    def child(self, key: str | int, value: Any) -> Node:
        return Node(self.file, (*self.path, key), value, self.lines)

    # -- shape ---------------------------------------------------------------------------

    def mapping(self, *, empty_ok: bool = False) -> dict:
        for key, node in self.keyed(empty_ok=empty_ok):
            if not isinstance(key, str):
                node.fail("must be named with text")
        return self.value

    def keyed(self, *, empty_ok: bool = False) -> list[tuple[Any, Node]]:
        """The entries of a mapping whose keys may be numbers or true/false as well as text
        (``levels: {1: ..., 2: ...}``), each key as YAML read it."""
        if not isinstance(self.value, dict) or (not self.value and not empty_ok):
            self.fail("must be a mapping of names to values")
        return [(key, self.child(_as_written(key), value)) for key, value in self.value.items()]

    def require(self, keys: Iterable[str]) -> None:
        """Fail on a missing key; other keys are allowed (a section another reader checks)."""
        present = self.mapping(empty_ok=True)
        for key in keys:
            if key not in present:
                self.child(key, None).fail("is missing")

    def only(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """Fail on an unknown key (most often a typo) or a missing required one, the first
        in the file's or the given order."""
        required, optional = list(required), list(optional)
        present = self.mapping(empty_ok=True)
        for key in present:  # first: a mistyped key is also a missing one
            if key not in required and key not in optional:
                self.child(key, None).fail(
                    f"is not a known field (known: {', '.join(sorted(required + optional))})")
        for key in required:
            if key not in present:
                self.child(key, None).fail("is missing")

    def get(self, key: str) -> Node:
        return self.child(key, self.mapping(empty_ok=True).get(key))

    def has(self, key: str) -> bool:
        return self.mapping(empty_ok=True).get(key) is not None

    def entries(self, *, empty_ok: bool = False) -> list[tuple[str, Node]]:
        return [(str(key), self.child(str(key), value))
                for key, value in self.mapping(empty_ok=empty_ok).items()]

    def items(self, *, empty_ok: bool = False) -> list[Node]:
        if not isinstance(self.value, list) or (not self.value and not empty_ok):
            self.fail("must be a list" if empty_ok else "must be a non-empty list")
        return [self.child(i, value) for i, value in enumerate(self.value)]

    # -- values --------------------------------------------------------------------------

    def text(self) -> str:
        """Non-empty text, with runs of white space made single spaces."""
        return " ".join(self.raw_text().split())

    def raw_text(self) -> str:
        """Non-empty text as written (line breaks kept: a message with paragraphs)."""
        if isinstance(self.value, int | float) and not isinstance(self.value, bool):
            self.fail(f"must be text; put the number in quotes (\"{self.value}\")")
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("must be non-empty text")
        return self.value

    def optional_text(self, default: str = "") -> str:
        return default if self.value is None else self.text()

    def texts(self, at_least: int = 1) -> tuple[str, ...]:
        texts = tuple(item.text() for item in self.items(empty_ok=at_least == 0))
        if len(texts) < at_least:
            self.fail(f"must have at least {at_least} entries (found {len(texts)})")
        return texts

    def identifier(self) -> str:
        text = self.text()
        if not text.replace("_", "").isalnum() or not text.islower():
            self.fail(f"must be lower-case letters, digits and underscores (found {text!r})")
        return text

    def boolean(self, default: bool | None = None) -> bool:
        if self.value is None and default is not None:
            return default
        if not isinstance(self.value, bool):
            self.fail(f"must be true or false (found {self.value!r})")
        return self.value

    def integer(self, lowest: int, highest: int, default: int | None = None) -> int:
        if self.value is None and default is not None:
            return default
        if isinstance(self.value, bool) or not isinstance(self.value, int) \
                or not lowest <= self.value <= highest:
            self.fail(f"must be a whole number from {lowest} to {highest} "
                      f"(found {self.value!r})")
        return self.value

    def number(self, lowest: float, highest: float, default: float | None = None) -> float:
        if self.value is None and default is not None:
            return default
        if isinstance(self.value, bool) or not isinstance(self.value, int | float) \
                or not lowest <= self.value <= highest:
            self.fail(f"must be a number from {lowest:g} to {highest:g} (found {self.value!r})")
        return self.value

    def one_of(self, allowed: Iterable[Any]) -> Any:
        allowed = list(allowed)
        if isinstance(self.value, bool) and not any(isinstance(a, bool) for a in allowed) \
                or self.value not in allowed:
            self.fail(f"is {self.value!r}, which is not one of: "
                      f"{', '.join(map(str, allowed))}")
        return self.value

    def choices(self, allowed: Iterable[str]) -> tuple[str, ...]:
        allowed = list(allowed)
        chosen = self.texts()
        for i, choice in enumerate(chosen):
            if choice not in allowed:
                self.child(i, choice).fail(
                    f"is {choice!r}, which is not one of: {', '.join(allowed)}")
        return chosen

    def url(self) -> str:
        text = self.text()
        if not text.startswith("https://"):
            self.fail(f"must be an https:// address (found {text!r})")
        return text


def _as_written(key: Any) -> str:
    """A mapping key as the YAML file spells it (``true``, not ``True``), to name its field."""
    return str(key).lower() if isinstance(key, bool) else str(key)
