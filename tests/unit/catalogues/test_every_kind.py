"""Every kind of data file is read by the one loader: a malformed copy of each raises
kbs.catalogues.CatalogueError naming the file, the line (where the YAML parser knows it) and
the field."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from kbs.catalogues import CatalogueError
from kbs.engine.catalogue import FACTORS_FILE, load_catalogue
from kbs.engine.routes_config import DEFAULT_ROUTES_FILE, load_routes
from kbs.engine.rules import SCORING_FILE, load_rules
from kbs.engine.suggestions import SUGGESTIONS_FILE, load_suggestions
from kbs.knowledge.cards import load_card
from kbs.knowledge.evaluation import DEV_FILE, read_heldout
from kbs.knowledge.terms import SYNONYMS_FILE, load_synonyms
from kbs.measure.scripts import SCRIPTS_DIR, load_script
from kbs.nlp.patterns import read_pattern_file
from kbs.paths import CATALOGUES_DIR, ENTITY_PATTERNS_DIR, KNOWLEDGE_DIR
from kbs.rehearsal.moves import MOVES_FILE, moves, read_moves
from kbs.rehearsal.personas import PERSONAS_DIR, read_persona
from kbs.rehearsal.wording import WORDING_FILE as REHEARSAL_WORDING_FILE
from kbs.rehearsal.wording import read_rehearsal_wording
from kbs.safer_practice import handling, sleep
from kbs.safer_practice.catalogue import WORDING_FILE, read_catalogue, read_wording


@dataclass(frozen=True)
class Broken:
    """A real data file with one mistake: ``old`` (its first occurrence) becomes ``new``."""

    source: Path
    read: object  # reads the file at a path
    old: str
    new: str
    field: str  # the field named ("" for a YAML syntax error: the parser knows only the line)
    problem: str  # words of the message
    at: str = ""  # the text on the line named (default: the first line of ``new``)

    def write(self, folder: Path) -> tuple[Path, int]:
        text = self.source.read_text(encoding="utf-8")
        assert text.count(self.old) >= 1, f"{self.source} no longer holds {self.old!r}"
        start = text.index(self.old)
        text = text.replace(self.old, self.new, 1)
        line = text[:text.index(self.at or self.new.split("\n")[0], start)].count("\n") + 1
        path = folder / self.source.name
        path.write_text(text, encoding="utf-8")
        return path, line


KINDS = {
    "factors": Broken(
        FACTORS_FILE, load_catalogue,
        "      weight: 1\n      key: true\n      tags: [vulnerability]\n"
        "      derived: {from: gestation_weeks",
        "      weight: heavy\n      key: true\n      tags: [vulnerability]\n"
        "      derived: {from: gestation_weeks",
        "factors.infant.preterm.weight", "must be a number from 0 to 100 (found 'heavy')"),
    "scoring": Broken(
        SCORING_FILE, load_rules, "  per_vulnerability: 0.25", "  per_vulnerability: lots",
        "vulnerability_amplifier.per_vulnerability", "must be a number"),
    "scoring, a level's number": Broken(
        SCORING_FILE, load_rules, "    min_points: 10", "    min_points: 2",
        "levels.3.min_points", "must start at 0 and rise with each level"),
    "suggestions": Broken(
        SUGGESTIONS_FILE, load_suggestions, "    care: who really looks after",
        "    care: who: really looks after", "", "is not valid YAML"),
    "safer sleep": Broken(
        CATALOGUES_DIR / "safer_sleep.yml", lambda path: read_catalogue(path, sleep.SECTIONS),
        "    url: https://nice.org.uk/guidance/qs37", "    url: http://nice.org.uk/guidance/qs37",
        "sources.nice_qs37.url", "must be an https:// address"),
    "safe handling": Broken(
        CATALOGUES_DIR / "safe_handling.yml",
        lambda path: read_catalogue(path, handling.SECTIONS),
        "  icon_rscp:\n    title:", "  icon_rscp:\n    titel:",
        "sources.icon_rscp.titel", "is not a known field", at="    titel:"),
    "discussion messages": Broken(
        WORDING_FILE, read_wording, "    text: Saved as plan {plan_id} with case {reference}.",
        "    text: 5", "messages.saved.text", "put the number in quotes"),
    "rehearsal moves": Broken(
        MOVES_FILE, read_moves, "    label: open question\n    openness: 1",
        "    label: open question\n    openness: 9", "moves.open_question.openness",
        "must be a whole number from -5 to 5 (found 9)", at="    openness: 9"),
    "rehearsal wording": Broken(
        REHEARSAL_WORDING_FILE, read_rehearsal_wording,
        "  openness_labels: [shut down, guarded", "  openness_labels: [shut down, 3, guarded",
        "feedback.openness_labels[1]", "put the number in quotes"),
    "persona": Broken(
        PERSONAS_DIR / "mother_drinking.yml", lambda path: read_persona(path, moves()),
        "name: Lauren\n", "name: [Lauren\n", "", "is not valid YAML", at="who:"),
    "knowledge card": Broken(
        KNOWLEDGE_DIR / "early_help.yml", load_card,
        "title: What is Early Help and when should a family be offered it?",
        "title: What Early Help is", "title", "must be a question ending with '?'"),
    "routes": Broken(
        DEFAULT_ROUTES_FILE, load_routes, "  emergency_999:\n    name: Emergency (999)",
        "  emergency_999:\n    name: Emergency (999)\n     contact: none",
        "", "is not valid YAML", at="     contact: none"),
    "entity patterns": Broken(
        ENTITY_PATTERNS_DIR / "relation.yml", read_pattern_file,
        "  mother: [mother,", "  mother: mother\n  mum: [mother,", "values.mother",
        "must be a non-empty list"),
    "thesaurus (synonyms)": Broken(
        SYNONYMS_FILE, load_synonyms, "baby: [infant,", "baby: [9, infant,", "baby[0]",
        "put the number in quotes"),
    "knowledge questions file": Broken(
        DEV_FILE, read_heldout, "  - {question: ", "  - {questoin: ", "questions[0].question",
        "must be non-empty text"),
    "bench script": Broken(
        SCRIPTS_DIR / "core.yml", load_script, "    expect: four ways",
        "    expect: [four ways]", "turns[1].expect", "must be non-empty text"),
}


@pytest.mark.parametrize("broken", KINDS.values(), ids=KINDS.keys())
def test_a_malformed_file_of_each_kind_names_the_file_the_line_and_the_field(tmp_path, broken):
    path, line = broken.write(tmp_path)
    with pytest.raises(CatalogueError) as caught:
        broken.read(path)
    err = caught.value
    assert (err.file, err.line, err.field) == (path, line, broken.field)
    assert str(err).startswith(f"{path}, line {line}: ")
    assert (f"field '{broken.field}'" if broken.field else "the document") in str(err)
    assert broken.problem in str(err)
