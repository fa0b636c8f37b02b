"""Everything the discussions say comes from reviewable files, and none of it reassures.
(That phone numbers live only in routes files is checked by tests/unit/engine.)"""

from pathlib import Path

import pytest
import yaml

from tests.unit.discuss.wording import REASSURANCE

ROOT = Path(__file__).resolve().parents[3]
WORDING = [ROOT / "kbs" / "catalogues" / name
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
