"""Everything the discussions say comes from reviewable files, and none of it reassures."""

import re
from pathlib import Path

import pytest
import yaml

from tests.unit.discuss.wording import REASSURANCE

ROOT = Path(__file__).resolve().parents[3]
WORDING = [ROOT / "actions" / "catalogues" / name
           for name in ("safer_sleep.yml", "safe_handling.yml", "discussion.yml")]


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


@pytest.mark.parametrize("path", [*WORDING, ROOT / "bot" / "domain" / "discuss.yml"],
                         ids=lambda p: p.name)
def test_no_wording_reassures(path):
    for text in strings(yaml.safe_load(path.read_text())):
        assert not REASSURANCE.search(text), text


def test_no_local_phone_number_is_in_code():
    code = "".join(p.read_text() for p in (ROOT / "actions").rglob("*.py"))
    assert "Starting Point" not in code
    assert not re.search(r"\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b", code)
