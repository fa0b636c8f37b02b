"""Readings with the entities Rasa's NLU would give (the project's spaCy pipeline)."""

import pytest

from kbs.text import read_facts
from kbs.text.words import read

from ..entities import entities_of  # the nlp and hv fixtures are tests/unit/conftest.py's


@pytest.fixture(scope="session")
def reading(nlp):
    return lambda text: read(text, entities_of(nlp, text))


@pytest.fixture(scope="session")
def facts(nlp):
    """A message read once, as the Assess mode reads an answer (kbs.text.read_facts)."""
    return lambda text: read_facts(text, entities_of(nlp, text))
