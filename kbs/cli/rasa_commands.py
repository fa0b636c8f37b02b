"""`kbs train`, `kbs validate`, `kbs eval stories`: Rasa on this project's layout."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import click
import yaml

from kbs.cli.output import FORMAT, GateMissed, echo_json
from kbs.ops import rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for, model_name, trained_models
from kbs.paths import ROOT

MODELS_KEPT = 3
STDERR = 2  # a subprocess's output goes here when standard output is for JSON


def run_rasa(argv: list[str], what: str, output_format: str = "text") -> None:
    """Run a Rasa command line in the project; its output goes to standard error with
    --format json. A failure is a one-line error (exit code 1)."""
    result = subprocess.run(argv, cwd=ROOT, env=rasa_project.rasa_env(),
                            stdout=STDERR if output_format == "json" else None)
    if result.returncode != 0:
        raise click.ClickException(f"{what} failed (exit {result.returncode}); see above")


def current_model() -> Path:
    """The model trained on the current data; a one-line error when there is none."""
    model = model_for(fingerprint(), settings.models_dir())
    if not model.exists():
        raise click.ClickException("no model for the current data; run `kbs train` first")
    return model


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
    run_rasa(rasa_project.train_command(model_name(digest), models_dir), "Training")
    for old in trained_models(models_dir)[MODELS_KEPT:]:
        old.unlink()
    click.echo(f"Trained {model} in {time.monotonic() - started:.0f} s.")


@click.command()
def validate() -> None:
    """Check the domain, NLU data, stories and rules (`rasa data validate`, no warnings allowed)."""
    rasa_project.ensure_spacy_pipeline()
    run_rasa(rasa_project.validate_command(), "Validation")


@click.command("stories")
@FORMAT
def test_stories(output_format: str) -> None:
    """Run the test stories in tests/stories against the current model.

    Any prediction error fails (exit code 1). Results go to results/stories; with
    --format json, Rasa's output goes to standard error and standard output says whether
    they passed and how many stories failed.
    """
    model = current_model()
    out = ROOT / "results" / "stories"
    (out / "failed_test_stories.yml").unlink(missing_ok=True)  # never a stale result
    try:
        run_rasa(rasa_project.test_stories_command(model, out), "Test stories", output_format)
    except click.ClickException as failed:
        if output_format == "json":
            echo_json(_stories_document(model, out, passed=False))
        raise GateMissed(failed.message) from failed
    if output_format == "json":
        echo_json(_stories_document(model, out, passed=True))


def _stories_document(model: Path, out: Path, passed: bool) -> dict:
    failed = out / "failed_test_stories.yml"
    stories = []
    if failed.exists():
        document = yaml.safe_load(failed.read_text(encoding="utf-8")) or {}
        stories = [story.get("story") for story in document.get("stories") or []]
    return {"model": model.name, "passed": passed, "failed_stories": stories,
            "report": str(out.relative_to(ROOT))}
