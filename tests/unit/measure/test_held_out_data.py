"""The held-out examples stay held out, and kbs eval finds all of them."""

import yaml

from kbs.knowledge.cards import load_cards
from kbs.knowledge.evaluation import HeldOut, read_heldout
from kbs.knowledge.faq_data import faq_examples
from kbs.measure import entities, faq_held_out, rasa_lines
from kbs.paths import NLU_DIR


def normal(text):
    return " ".join(text.lower().rstrip("?").split())


def texts(folder):
    return {normal(example.text) for example in entities.held_out_examples(folder)}


def card_examples():
    """The intent faq's training examples, generated from the cards."""
    return {normal(text) for card in load_cards() for text in faq_examples(card)}


def test_no_held_out_example_is_in_the_training_data():
    training = texts(NLU_DIR) | card_examples()
    for folder in rasa_lines.HELD_OUT_DIRS:
        assert not texts(folder) & training, f"{folder} repeats training examples"


def test_no_held_out_knowledge_question_is_trained_on():
    questions = {normal(item.question) for item in read_heldout()}
    assert not questions & (texts(NLU_DIR) | card_examples())


def intents(folder):
    from rasa.shared.nlu.training_data.loading import load_data

    return {intent for path in entities.nlu_files(folder)
            for intent in load_data(str(path)).intents}


def test_the_held_out_folders_cover_the_intents_of_every_mode():
    held = set().union(*map(intents, rasa_lines.HELD_OUT_DIRS))
    assert intents(NLU_DIR) - held == set()  # and faq comes from the knowledge questions


def test_knowledge_questions_become_examples_of_the_intent_faq(tmp_path):
    from rasa.shared.nlu.training_data.loading import load_data

    source = tmp_path / "questions.yml"
    source.write_text(yaml.safe_dump({"questions": [
        {"question": "Can a baby  sleep on a sofa?", "card": "sleep_sofa_armchair"},
        {"question": "What is ICON?", "card": "icon_crying"},
        {"question": "Is a settee safe: ever?", "card": "sleep_sofa_armchair"}]}))
    written = faq_held_out.write(tmp_path / "held-out", source)
    examples = load_data(str(written)).nlu_examples
    assert [(m.get("text"), m.get("intent")) for m in examples] == [
        ("Can a baby sleep on a sofa?", "faq"), ("What is ICON?", "faq"),
        ("Is a settee safe: ever?", "faq")]


def test_faq_test_data_keeps_every_question_in_order():
    data = faq_held_out.faq_test_data([HeldOut("a?", "x"), HeldOut("b?", "y"), HeldOut("c", "x")])
    assert [item["intent"] for item in data["nlu"]] == ["faq"]
    assert data["nlu"][0]["examples"] == "- a?\n- b?\n- c\n"


def test_the_held_out_folders_are_gathered_in_one_for_rasa(tmp_path, monkeypatch):
    first, second = tmp_path / "nlu", tmp_path / "held_out"
    for folder, intent in ((first, "a"), (second, "b")):
        folder.mkdir()
        (folder / "test.yml").write_text(f'version: "3.1"\nnlu:\n  - intent: {intent}\n'
                                         f"    examples: |\n      - example {intent}\n")
    (second / "notes.yml").write_text("not: nlu\n")
    monkeypatch.setattr(rasa_lines, "HELD_OUT_DIRS", [first, second])
    gathered = rasa_lines.copy_held_out(tmp_path / "all")
    assert sorted(p.name for p in gathered.iterdir()) == ["held_out-test.yml", "nlu-test.yml"]
