"""Entities of a message as Rasa's NLU gives them, from the project's spaCy pipeline."""


def entities_of(nlp, text):
    """Entities as Rasa's SpacyEntityExtractor and synonym mapper give them."""
    return [{"entity": e.label_, "value": e.ent_id_, "start": e.start_char, "end": e.end_char}
            for e in nlp(text).ents]
