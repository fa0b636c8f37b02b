"""`kbs nlp`: build the project's spaCy pipeline from the pattern files."""

import click

from actions.nlp.patterns import PatternFileError
from actions.paths import ENTITY_PATTERNS_DIR, ROOT


@click.command()
def nlp() -> None:
    """Build the spaCy pipeline (lemmatiser and entity ruler) from nlu_data/entity_patterns.

    Writes build/spacy/kbs_en, which config.yml's SpacyNLP loads, and the entity
    synonyms Rasa trains on. `kbs train` runs this itself when the patterns change.
    """
    from actions.nlp.pipeline import build_and_save  # spaCy is slow to import

    try:
        path = build_and_save()
    except PatternFileError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"spaCy pipeline built from {ENTITY_PATTERNS_DIR.relative_to(ROOT)} into "
               f"{path.relative_to(ROOT)}")
