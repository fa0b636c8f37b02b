"""The move catalogue, the domain, the NLU training data and the held-out test data agree."""

from pathlib import Path

import yaml

from kbs.rehearsal.moves import moves

ROOT = Path(__file__).resolve().parents[3]
TRAINING = ROOT / "nlu_data" / "rehearse" / "moves.yml"
HELD_OUT = ROOT / "tests" / "nlu" / "rehearse_moves_test.yml"
MOVE_INTENTS = {f"move_{m}" for m in moves()} | {"finish"}


def examples_of(block):
    return [line.removeprefix("- ").strip() for line in block["examples"].splitlines()
            if line.strip()]


def examples(path):
    blocks = yaml.safe_load(path.read_text())["nlu"]
    return {block["intent"]: examples_of(block) for block in blocks if "intent" in block}


def normal(text):
    return " ".join(text.lower().rstrip("?.!").split())


def test_every_move_is_an_intent_in_the_domain_training_and_test_data():
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "rehearse.yml").read_text())
    assert set(domain["intents"]) == MOVE_INTENTS
    assert set(examples(TRAINING)) == MOVE_INTENTS
    assert set(examples(HELD_OUT)) == MOVE_INTENTS


def test_each_move_has_varied_training_and_enough_held_out_examples():
    for intent, texts in examples(TRAINING).items():
        assert len(set(texts)) >= 30, intent
    for intent, texts in examples(HELD_OUT).items():
        assert len(set(texts)) >= 10, intent


def test_no_held_out_example_is_in_any_training_data():
    trained = {normal(text) for path in (ROOT / "nlu_data").rglob("*.yml")
               for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", [])
               if "examples" in block
               for text in examples_of(block)}
    leaked = [t for texts in examples(HELD_OUT).values() for t in texts if normal(t) in trained]
    assert leaked == []

