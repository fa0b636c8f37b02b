"""docs/HAZARD-LOG.md stays true: every hazard has each field of the log, every control names
at least one test, and every test it names exists (its file, and the class and function in
it). The named tests run in `make test` like any other, so a control whose test fails turns
the build red."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from kbs.engine.rules import RED_FLAGS

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "HAZARD-LOG.md"
FIELDS = ("Cause", "Effect on a baby", "Existing control", "Tests", "Residual risk")
HEADING = re.compile(r"^### (H\d{2,3}) (.+)$", re.MULTILINE)
FIELD = re.compile(r"^- \*\*(.+?)\*\*: ?(.*)$", re.MULTILINE)
TEST_ID = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+)`")


@cache
def hazards() -> dict[str, tuple[str, str]]:
    """Hazard id -> (title, the text of its entry)."""
    text = LOG.read_text(encoding="utf-8")
    found = list(HEADING.finditer(text))
    return {match.group(1): (match.group(2), text[match.end():(found[i + 1].start()
                                                             if i + 1 < len(found) else None)])
            for i, match in enumerate(found)}


def fields(entry: str) -> dict[str, str]:
    """Each "- **Field**: text" of an entry, with its indented continuation lines."""
    found: dict[str, str] = {}
    current = None
    for line in entry.splitlines():
        match = FIELD.match(line)
        if match:
            current = match.group(1)
            found[current] = match.group(2)
        elif current and line.startswith("  "):
            found[current] += " " + line.strip()
        else:
            current = None
    return found


@cache
def defined_in(path: Path) -> frozenset[str]:
    """Every test a file defines, as pytest names it: "test_x" or "TestY::test_x"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(f"{node.name}::{item.name}" for item in node.body
                         if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef))
    return frozenset(names)


def test_the_log_has_hazards_with_unique_ids():
    text = LOG.read_text(encoding="utf-8")
    ids = [match.group(1) for match in HEADING.finditer(text)]
    assert len(ids) >= 20
    assert len(ids) == len(set(ids)), "a hazard id is used twice"


@pytest.mark.parametrize("hazard", sorted(hazards()))
def test_every_hazard_has_every_field_and_names_a_test(hazard):
    title, entry = hazards()[hazard]
    given = fields(entry)
    missing = [name for name in FIELDS if not given.get(name, "").strip()]
    assert not missing, f"{hazard} ({title}) has no {', '.join(missing)}"
    assert TEST_ID.search(given["Tests"]), f"{hazard} ({title}) names no test"


@pytest.mark.parametrize("hazard", sorted(hazards()))
def test_every_test_the_log_names_exists(hazard):
    _, entry = hazards()[hazard]
    for path, name in TEST_ID.findall(fields(entry)["Tests"]):
        file = ROOT / path
        assert file.is_file(), f"{hazard}: {path} does not exist"
        assert name in defined_in(file), f"{hazard}: {path} defines no {name}"


def test_every_red_flag_has_a_hazard():
    text = LOG.read_text(encoding="utf-8")
    assert [flag for flag in RED_FLAGS if f"`{flag}`" not in text] == []


def test_the_checker_finds_a_test_that_does_not_exist(tmp_path):
    """The checks above can fail: a made-up name is not found."""
    assert "test_every_test_the_log_names_exists" in defined_in(Path(__file__))
    assert "test_no_such_test_anywhere" not in defined_in(Path(__file__))
    assert fields("- **Tests**: `tests/unit/x.py::y`,\n  `tests/unit/z.py::w`\n") == {
        "Tests": "`tests/unit/x.py::y`, `tests/unit/z.py::w`"}
