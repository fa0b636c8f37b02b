"""The examples of the intent faq are generated from the cards."""

import yaml

from kbs.knowledge.faq_data import faq_yaml
from kbs.ops.fingerprint import TRAINING_INPUTS
from kbs.ops.rasa_project import GENERATED_FROM
from kbs.paths import KNOWLEDGE_DIR


def test_the_intent_faq_is_trained_on_every_cards_title_and_questions(kb):
    data = yaml.safe_load(faq_yaml(kb.cards))
    [entry] = data["nlu"]
    assert entry["intent"] == "faq"
    listed = [line.removeprefix("- ") for line in entry["examples"].splitlines()]
    assert [f"{example}?" for example in listed] == [
        text for card in kb.cards for text in (card.title, *card.questions)]


def test_no_retrieval_intent_nor_card_response_is_generated(kb):
    """The knowledge search picks the card (kbs.knowledge.conversation), not Rasa."""
    data = yaml.safe_load(faq_yaml(kb.cards))
    assert set(data) == {"version", "nlu"}
    assert all("/" not in entry["intent"] for entry in data["nlu"])


def test_a_changed_card_means_new_training_data_and_a_new_model():
    assert KNOWLEDGE_DIR in GENERATED_FROM
    assert KNOWLEDGE_DIR in TRAINING_INPUTS
