"""`kbs eval` and `kbs bench`: NLU quality and speed, each beside its target and a baseline."""

from __future__ import annotations

from pathlib import Path

import click

from actions.measure.runner import StepFailed


@click.command("eval")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Folds of the cross-validation.")
@click.option("--skip-cv", is_flag=True,
              help="Held-out test only (a few minutes instead of about 15 on 2 cores).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the reports go (default results/eval).")
@click.option("--strict", is_flag=True, help="Exit with an error when a target is missed.")
def eval_command(folds: int, skip_cv: bool, out: Path | None, strict: bool) -> None:
    """NLU quality of config.yml against the `rasa init` baseline, in one run.

    Scores the current model (`kbs train` makes it when missing) and the baseline
    (tests/eval/baseline-config.yml, trained here on the same data) on the held-out
    examples in tests/nlu/, then by cross-validation of the training data: F1 per
    intent, macro-F1, entity F1, response selection and the most confused pairs. Prints
    each figure beside its target; writes results/eval/eval-<time>.md and .json and adds
    a line to results/history.jsonl.
    """
    from actions.measure import evaluation

    options = evaluation.EvalOptions(folds=folds, cross_validation=not skip_cv)
    if out:
        options.out = out
    what = "held-out test" + ("" if skip_cv else f" and {folds}-fold cross-validation")
    click.echo(f"NLU evaluation: {what} of config.yml and the baseline.")
    try:
        data = evaluation.run(options, say=click.echo)
    except StepFailed as err:
        raise click.ClickException(str(err)) from err
    click.echo("")
    click.echo(evaluation.summary(data))
    missed = [c for c in data["checks"] if c["verdict"] == "MISSED"]
    if strict and missed:
        raise click.ClickException(f"{len(missed)} target(s) missed")
