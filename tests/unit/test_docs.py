"""The profile format is in the repository (docs/PROFILE-FORMAT.md) and every reference to it,
or to any page of docs/, resolves: in code, help text, data files and documents (issue 21)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbs import engine
from kbs.cli import main
from tests.conftest import ROOT

DOCS = ROOT / "docs"
FORMAT = DOCS / "PROFILE-FORMAT.md"
FOLDERS = ("kbs", "actions", "web_widget", "tests", "docs", "bot", "nlu_data")
TOP_FILES = ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "Makefile", "config.yml",
             "pyproject.toml")
SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".html", ".js", ".css", ".txt", ""}
# The brief's file, outside the repository; spelt in two parts so this file does not name it.
OLD_NAME = "PROFILE-" + "SPEC"
# Where the old name may still appear: the history of changes.
HISTORY = {ROOT / "CHANGELOG.md"}
DOCS_REFERENCE = re.compile(r"(?<![\w/.-])docs/([\w.-]+\.md)\b")
QUALIFIED = re.compile(r"docs/PROFILE-FORMAT\.md,\s+(?:\"([^\"\n]+)\"|principles? (\d+)"
                       r"(?: and (\d+))?|red flag (\w+))")


def text_files() -> list[Path]:
    files = [ROOT / name for name in TOP_FILES if (ROOT / name).exists()]
    for folder in FOLDERS:
        files += [path for path in (ROOT / folder).rglob("*")
                  if path.is_file() and path.suffix in SUFFIXES
                  and "__pycache__" not in path.parts]
    return files


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def test_the_profile_format_is_in_the_repository():
    assert FORMAT.is_file()
    assert not (DOCS / "PROFILE-FORMAT-EXTENSIONS.md").exists()  # merged into it


def test_nothing_points_to_the_briefs_spec_any_more():
    naming = [str(path.relative_to(ROOT)) for path in text_files()
              if path not in HISTORY and OLD_NAME in read(path)]
    assert naming == []


def test_every_reference_to_a_page_of_docs_resolves():
    missing = {(str(path.relative_to(ROOT)), name) for path in text_files()
               for name in DOCS_REFERENCE.findall(read(path))
               if not (DOCS / name).is_file()}
    assert missing == set()


def test_every_section_principle_and_red_flag_cited_in_the_format_exists():
    page = read(FORMAT)
    headings = set(re.findall(r"^#{2,3} (.+)$", page, re.MULTILINE))
    principles = set(re.findall(r"^(\d+)\. \*\*", page, re.MULTILINE))
    red_flags = set(re.findall(r"^\| `(\w+)` \|", page.split("## Red flags")[1]
                               .split("\n## ")[0], re.MULTILINE))
    assert len(principles) == 9 and len(red_flags) == 5
    cited = 0
    for path in text_files():
        for section, first, second, flag in QUALIFIED.findall(read(path)):
            cited += 1
            where = str(path.relative_to(ROOT))
            if section:
                assert section in headings, (where, section)
            elif flag:
                assert flag in red_flags, (where, flag)
            else:
                assert {first, second} - {""} <= principles, (where, first, second)
    assert cited >= 10  # the engine, the catalogues and the tests cite it this way


@pytest.mark.parametrize("command", [["score", "--help"], ["compare", "--help"]])
def test_the_help_of_the_profile_commands_points_to_the_format(command):
    shown = CliRunner().invoke(main, command).output
    named = "docs/PROFILE-FORMAT.md" in shown or "kbs score --help" in shown
    assert named, shown


def test_the_formats_example_answers_score_as_its_example_output_says():
    blocks = [json.loads(block) for block in
              re.findall(r"```json\n(.*?)```", read(FORMAT), re.DOTALL)
              if block.lstrip().startswith("{")]
    answers, shown = blocks[0], blocks[1]
    result = engine.score(answers).to_dict()
    assert list(shown) == list(result)
    for key, value in shown.items():
        if isinstance(value, list) and "..." in value:
            assert result[key][:len(value) - 1] == value[:-1], key
        elif key not in ("reasons",):
            assert result[key] == value, key
