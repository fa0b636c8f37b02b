"""Answers documents for tests: the scenario fixtures, and small changes to them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "profiles"


def fixture_doc(name: str) -> dict[str, Any]:
    """A fresh copy of a fixture's answers document."""
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def excluded() -> dict[str, Any]:
    """A family with every factor excluded on observed or professional evidence (level 1)."""
    return fixture_doc("all-excluded.yml")


def with_answer(doc: dict[str, Any], path: str, status: str, source: str = "observed",
                **details: Any) -> dict[str, Any]:
    """A copy of doc with one factor answered; path as in output (carers.<role>.<factor>)."""
    doc = copy.deepcopy(doc)
    entry = {"status": status, "source": source, **details}
    domain, *rest = path.split(".")
    if domain == "carers":
        role, factor = rest
        doc.setdefault("carers", {}).setdefault(role, {})[factor] = entry
    else:
        doc.setdefault("factors", {})[path] = entry
    return doc


def with_values(doc: dict[str, Any], **blocks: dict[str, Any]) -> dict[str, Any]:
    """A copy of doc with top-level blocks (infant, judgement, ...) updated."""
    doc = copy.deepcopy(doc)
    for name, values in blocks.items():
        if isinstance(values, dict):
            doc[name] = {**(doc.get(name) or {}), **values}
        else:
            doc[name] = values
    return doc
