"""The spaCy pipeline built from nlu_data/entity_patterns finds the domain's entities."""

from pathlib import Path

import pytest
import yaml

from kbs.catalogues import CatalogueError
from kbs.nlp.patterns import read_pattern_dir, read_pattern_file, word_forms
from kbs.nlp.pipeline import build_pipeline, write_synonyms


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def entities(nlp, text):
    return [(e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize("text, expected", [
    ("Dad wasn't there again", [("relation", "father")]),
    ("her new partner smokes weed", [("relation", "partner"), ("substance", "tobacco"),
                                     ("substance", "cannabis")]),
    ("Mum fell asleep on the settee after drinking vodka",
     [("relation", "mother"), ("sleep_place", "sofa"), ("substance", "alcohol"),
      ("substance", "alcohol")]),
    ("the Health Visitor and Starting Point know the grannies",
     [("agency", "health_visiting"), ("agency", "childrens_social_care"),
      ("relation", "grandmother")]),
    ("baby sleeps in a Moses basket, sometimes in our bed",
     [("sleep_place", "cot"), ("sleep_place", "adult_bed")]),
])
def test_domain_entities_are_found(nlp, text, expected):
    assert entities(nlp, text) == expected


def test_lemmas_come_from_the_lookup_tables(nlp):
    assert [t.lemma_ for t in nlp("babies were crying")] == ["baby", "be", "cry"]


def test_plurals_match_and_words_ending_in_s_are_left_alone():
    assert word_forms("granny") == ["granny", "grannies"]
    assert word_forms("sofa") == ["sofa", "sofas"]
    assert word_forms("drugs") == ["drugs"]


def test_synonyms_map_every_surface_form_to_its_value(tmp_path):
    target = tmp_path / "synonyms.yml"
    write_synonyms(Path("nlu_data/entity_patterns"), target)
    entries = {e["synonym"]: e["examples"] for e in yaml.safe_load(target.read_text())["nlu"]}
    assert "- dad\n" in entries["father"]
    assert "- settee\n" in entries["sofa"]
    assert "- father\n" not in entries["father"]  # the value itself needs no synonym


def test_every_pattern_file_is_valid():
    labels = {terms.label for terms in read_pattern_dir(Path("nlu_data/entity_patterns"))}
    assert labels == {"relation", "substance", "sleep_place", "agency"}


@pytest.mark.parametrize("content, field", [
    ("values: {a: [b]}", "'label'"),
    ("label: x\nvalues: []", "'values'"),
    ("label: x\nvalues: {father: dad}", "values.father"),
    ("label: [unclosed", "is not valid YAML"),
])
def test_a_malformed_pattern_file_names_the_file_and_field(tmp_path, content, field):
    path = tmp_path / "broken.yml"
    path.write_text(content)
    with pytest.raises(CatalogueError) as err:
        read_pattern_file(path)
    assert str(path) in str(err.value) and field in str(err.value)
