"""`kbs nlp`: build the project's spaCy pipeline and generated training data."""

import click

from kbs.catalogues import CatalogueError
from kbs.ops.rasa_project import build_spacy_pipeline
from kbs.paths import ENTITY_PATTERNS_DIR, GENERATED_NLU_DIR, KNOWLEDGE_DIR, ROOT


@click.command()
def nlp() -> None:
    """Build the spaCy pipeline (lemmatiser and entity ruler) from nlu_data/entity_patterns.

    Writes build/spacy/kbs_en, which config.yml's SpacyNLP loads, and into
    build/nlu_generated the entity synonyms and the examples of the intent faq (from the
    knowledge cards) Rasa trains on. `kbs train` runs this itself when the patterns or the
    cards change.
    """
    try:
        path = build_spacy_pipeline()
    except CatalogueError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"spaCy pipeline built from {ENTITY_PATTERNS_DIR.relative_to(ROOT)} into "
               f"{path.relative_to(ROOT)}; FAQ intents from {KNOWLEDGE_DIR.relative_to(ROOT)} "
               f"into {GENERATED_NLU_DIR.relative_to(ROOT)}")
