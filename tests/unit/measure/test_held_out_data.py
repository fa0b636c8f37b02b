"""The held-out examples stay held out, and kbs eval finds all of them."""

from actions.measure import entities, rasa_lines
from actions.paths import NLU_DIR


def texts(folder):
    return {example.text.strip().lower() for example in entities.held_out_examples(folder)}


def test_no_held_out_example_is_in_the_training_data():
    training = texts(NLU_DIR)
    for folder in rasa_lines.HELD_OUT_DIRS:
        assert not texts(folder) & training, f"{folder} repeats training examples"


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
