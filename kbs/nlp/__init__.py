"""The project's spaCy pipeline: a blank English model with a lookup lemmatiser and
an entity ruler built from the versioned pattern files in ``nlu_data/entity_patterns``."""
