"""Persona files: the real catalogue loads; a malformed file names its file and field."""

import pytest

from kbs.catalogues import CatalogueError
from kbs.rehearsal.moves import SMALL_TALK, moves, read_moves
from kbs.rehearsal.openness import MOST
from kbs.rehearsal.personas import read_persona, read_personas
from tests.unit.rehearse.conftest import write_persona

REVIEW_SECTIONS = {"5.8", "5.14", "5.34", "6.4"}


def test_the_catalogue_holds_the_five_personas_of_issue_6():
    found = read_personas()
    assert {"mother_drinking", "father_not_engaging", "parents_social_care_problem",
            "mother_violent_ex_feeding", "family_celebration"} <= set(found)
    for persona in found.values():
        assert persona.hidden_facts and persona.good_conversation and persona.opening
        assert set(persona.reactions) == {*moves(), SMALL_TALK}
        assert all(len(replies) >= 2 for replies in persona.reactions.values())


def test_the_personas_cite_the_review_sections_issue_6_names():
    cited = " ".join(p.learning_point.sections for p in read_personas().values())
    for section in REVIEW_SECTIONS:
        assert section in cited


def test_every_hidden_fact_can_be_uncovered():
    for persona in read_personas().values():
        for fact in persona.hidden_facts:
            assert fact.openness <= MOST
            assert fact.unlocked_by.moves or fact.unlocked_by.topics


DELETE = object()


def set_field(doc, dotted, value):
    *parents, last = dotted.split(".")
    for key in parents:
        doc = doc[int(key)] if key.isdigit() else doc[key]
    if value is DELETE:
        del doc[last]
    elif last.isdigit():
        doc[int(last)] = value
    else:
        doc[last] = value


@pytest.mark.parametrize(("field", "value", "named", "problem"), [
    ("title", DELETE, "title", "is missing"),
    ("opening", "", "opening", "must be non-empty text"),
    ("openness", 9, "openness", "from 0 to 5"),
    ("openness", "high", "openness", "whole number"),
    ("id", "someone_else", "id", "must match the file name"),
    ("reactions.open_question", ["only one"], "reactions.open_question", "at least 2"),
    ("reactions.closed_question", DELETE, "reactions.closed_question", "is missing"),
    ("reactions.small_chat", ["a", "b"], "reactions.small_chat", "not a known field"),
    ("hidden_facts.0.openness", 6, "hidden_facts[0].openness", "from 0 to 5"),
    ("hidden_facts.0.unlocked_by.moves", ["ask_wider_famly"],
     "hidden_facts[0].unlocked_by.moves[0]", "not one of"),
    ("hidden_facts.0.unlocked_by.moves", ["premature_reassurance"],
     "hidden_facts[0].unlocked_by.moves[0]", "not one of"),
    ("hidden_facts.1.unlocked_by", {}, "hidden_facts[1].unlocked_by", "mapping"),
    ("hidden_facts.1.reveal", [], "hidden_facts[1].reveal", "non-empty list"),
    ("hidden_facts.2.id", "by_move", "hidden_facts[2].id", "repeats the fact id"),
    ("hidden_facts.2.tip", DELETE, "hidden_facts[2].tip", "is missing"),
    ("hidden_facts.0.raised_by", "sister", "hidden_facts[0].raised_by", "non-empty list"),
    ("hidden_facts.0.raised_by", ["sis*ter"], "hidden_facts[0].raised_by[0]",
     "a * may only end a word or phrase"),
    ("hidden_facts.1.unlocked_by.topics", ["*night"], "hidden_facts[1].unlocked_by.topics[0]",
     "a * may only end a word or phrase"),
    ("learning_point.sections", 5.8, "learning_point.sections", "quotes"),
    ("openness_changes", {"shouting": 1}, "openness_changes.shouting", "is not a move"),
    ("good_conversation", "one thing", "good_conversation", "non-empty list"),
])
def test_a_malformed_persona_names_the_file_and_field(tmp_path, persona_doc, field, value,
                                                      named, problem):
    set_field(persona_doc, field, value)
    path = write_persona(tmp_path, persona_doc)
    with pytest.raises(CatalogueError) as err:
        read_persona(path, moves())
    message = str(err.value)
    assert str(path) in message and f"'{named}'" in message and problem in message


def test_raised_by_is_optional_and_read_in_lower_case(tmp_path, persona_doc):
    persona_doc["hidden_facts"][0]["raised_by"] = ["Sister*", "Your Mum"]
    persona = read_persona(write_persona(tmp_path, persona_doc), moves())
    assert persona.fact("by_move").raised_by == ("sister*", "your mum")
    assert persona.fact("by_topic").raised_by == ()


def test_every_shipped_hidden_fact_says_what_raises_it():
    for persona in read_personas().values():
        for fact in persona.hidden_facts:
            assert fact.raised_by, f"{persona.id}: {fact.id}"


def test_a_file_that_is_not_yaml_is_named(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError,
                       match=r"broken\.yml, line \d+: the document is not valid YAML"):
        read_persona(path, moves())


def test_an_empty_persona_directory_is_an_error(tmp_path):
    with pytest.raises(CatalogueError, match="no persona files"):
        read_personas(tmp_path)


def test_a_malformed_move_catalogue_names_the_field(tmp_path):
    path = tmp_path / "moves.yml"
    path.write_text("moves:\n  open_question:\n    label: open question\n    openness: 1\n"
                    "    worked: yes it did\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="field 'moves.open_question.better' is missing"):
        read_moves(path)
