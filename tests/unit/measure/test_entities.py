import pytest

from kbs.measure import entities
from kbs.measure.entities import Example


def test_an_entity_counts_only_with_its_exact_span_and_type():
    examples = [Example("dad was out", frozenset({(0, 3, "relation")})),
                Example("mum drinks wine", frozenset({(0, 3, "relation"),
                                                      (11, 15, "substance")})),
                Example("hello", frozenset())]
    predicted = {"dad was out": [(0, 3, "relation")],
                 "mum drinks wine": [(0, 3, "relation"), (4, 10, "substance")],
                 "hello": [(0, 5, "agency")]}
    scores = entities.score(examples, lambda text: predicted[text], ["relation", "substance"])
    by_type = {s.label: s for s in scores.by_type}
    assert by_type["relation"].f1 == 1.0 and by_type["relation"].support == 2
    assert by_type["substance"].recall == 0.0 and by_type["substance"].precision == 0.0
    assert by_type["agency"].support == 0
    # 2 found, 1 missed, 2 wrongly found: 2*2 / (2*2 + 2 + 1)
    assert scores.micro_f1 == pytest.approx(4 / 7)
    assert ("mum drinks wine", "missed 'wine' as substance") in scores.misses
    assert ("hello", "wrongly found 'hello' as agency") in scores.misses


def test_no_entities_anywhere_gives_no_f1():
    scores = entities.score([Example("hi", frozenset())], lambda text: [])
    assert scores.micro_f1 is None


def test_held_out_examples_read_annotations_and_skip_other_yaml(tmp_path):
    (tmp_path / "test.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: answer\n    examples: |\n'
        "      - [dad](relation) wasn't there\n      - no\n")
    (tmp_path / "config.yml").write_text("pipeline: []\n")
    examples = entities.held_out_examples(tmp_path)
    assert Example("dad wasn't there", frozenset({(0, 3, "relation")})) in examples
    assert Example("no", frozenset()) in examples
    assert len(examples) == 2


def test_the_spacy_extractors_dimensions_come_from_the_config(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text("pipeline:\n  - name: SpacyEntityExtractor\n"
                      "    dimensions: [relation, agency]\n")
    assert entities.spacy_dimensions(config) == ["relation", "agency"]
    config.write_text("pipeline:\n  - name: WhitespaceTokenizer\n")
    assert entities.spacy_dimensions(config) is None


def test_annotated_examples_are_counted_in_nlu_files_only(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "relation.yml").write_text("label: relation\nvalues: {}\n")
    (tmp_path / "data.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: answer\n    examples: |\n'
        "      - [dad](relation) left\n      - [mum](relation) stayed\n      - no\n")
    assert entities.annotated_count(tmp_path) == 2
    assert [p.name for p in entities.nlu_files(tmp_path)] == ["data.yml"]


def test_files_without_any_annotation_can_be_left_out_of_entity_scoring(tmp_path):
    (tmp_path / "a.yml").write_text('version: "3.1"\nnlu:\n  - intent: x\n    examples: |\n'
                                    "      - [dad](relation) left\n      - hello\n")
    (tmp_path / "b.yml").write_text('version: "3.1"\nnlu:\n  - intent: y\n    examples: |\n'
                                    "      - dad is here\n")
    assert len(entities.held_out_examples(tmp_path)) == 3
    assert [e.text for e in entities.held_out_examples(tmp_path, annotated_only=True)] == [
        "dad left", "hello"]
