"""The FAQ retrieval intents are generated from the cards, one per card."""

import yaml

from kbs.knowledge.faq_data import faq_yaml
from kbs.ops.fingerprint import TRAINING_INPUTS
from kbs.ops.rasa_project import GENERATED_FROM
from kbs.paths import KNOWLEDGE_DIR


def test_every_card_is_a_retrieval_intent_trained_on_its_title_and_questions(kb):
    data = yaml.safe_load(faq_yaml(kb.cards))
    examples = {entry["intent"]: entry["examples"] for entry in data["nlu"]}
    assert set(examples) == {f"faq/{card.id}" for card in kb.cards}
    for card in kb.cards:
        listed = [line.removeprefix("- ") for line in examples[f"faq/{card.id}"].splitlines()]
        assert [f"{example}?" for example in listed] == [card.title, *card.questions]


def test_each_response_is_the_whole_card_with_its_sources(kb):
    responses = yaml.safe_load(faq_yaml(kb.cards))["responses"]
    for card in kb.cards:
        text = responses[f"utter_faq/{card.id}"][0]["text"]
        assert text.startswith(card.title) and card.answer in text
        assert all(source.cite() in text for source in card.sources)


def test_a_changed_card_means_new_training_data_and_a_new_model():
    assert KNOWLEDGE_DIR in GENERATED_FROM
    assert KNOWLEDGE_DIR in TRAINING_INPUTS
