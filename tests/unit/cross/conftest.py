from tests.unit.assessment.conftest import nlp  # noqa: F401  (the spaCy pipeline, once)
