"""Readings with the entities Rasa's NLU would give (the project's spaCy pipeline)."""

import pytest

from kbs.nlp.pipeline import build_pipeline
from kbs.text import read_facts
from kbs.text.words import read


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline()


def entities_of(nlp, text):
    """Entities as Rasa's SpacyEntityExtractor and synonym mapper give them."""
    return [{"entity": e.label_, "value": e.ent_id_, "start": e.start_char, "end": e.end_char}
            for e in nlp(text).ents]


@pytest.fixture(scope="session")
def reading(nlp):
    return lambda text: read(text, entities_of(nlp, text))


@pytest.fixture(scope="session")
def facts(nlp):
    """A message read once, as the Assess mode reads an answer (kbs.text.read_facts)."""
    return lambda text: read_facts(text, entities_of(nlp, text))
