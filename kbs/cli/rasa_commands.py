"""`kbs train`, `kbs validate`, `kbs test-stories`: Rasa on this project's layout."""

from __future__ import annotations

import subprocess
import time

import click

from kbs.ops import rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for, model_name, trained_models
from kbs.paths import ROOT

MODELS_KEPT = 3


def _run(argv: list[str], what: str) -> None:
    result = subprocess.run(argv, cwd=ROOT, env=rasa_project.rasa_env())
    if result.returncode != 0:
        raise click.ClickException(f"{what} failed (exit {result.returncode}); see above")


@click.command()
@click.option("--force", is_flag=True, help="Train even if a model for this data exists.")
def train(force: bool) -> None:
    """Train the Rasa model, only when the training data changed.

    The model is named after a hash of config.yml, bot/, nlu_data/ and
    requirements.lock, so an unchanged checkout reuses its model at once.
    """
    started = time.monotonic()
    rasa_project.ensure_spacy_pipeline()
    digest = fingerprint()
    models_dir = settings.models_dir()
    model = model_for(digest, models_dir)
    if model.exists() and not force:
        click.echo(f"Reused the model {model}: the training data has not changed.")
        return
    _run(rasa_project.train_command(model_name(digest), models_dir), "Training")
    for old in trained_models(models_dir)[MODELS_KEPT:]:
        old.unlink()
    click.echo(f"Trained {model} in {time.monotonic() - started:.0f} s.")


@click.command()
def validate() -> None:
    """Check the domain, NLU data, stories and rules (`rasa data validate`, no warnings allowed)."""
    rasa_project.ensure_spacy_pipeline()
    _run(rasa_project.validate_command(), "Validation")


@click.command("test-stories")
def test_stories() -> None:
    """Run the test stories in tests/stories against the current model.

    Any prediction error fails. Results go to results/stories.
    """
    model = model_for(fingerprint(), settings.models_dir())
    if not model.exists():
        raise click.ClickException("no model for the current data; run `kbs train` first")
    _run(rasa_project.test_stories_command(model, ROOT / "results" / "stories"), "Test stories")
