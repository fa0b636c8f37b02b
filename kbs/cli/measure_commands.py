"""`kbs eval pipelines` and `kbs bench`: NLU quality and speed, each beside its target and
a baseline. Each exits with 1 when a target is missed.

The harness (kbs.measure) is imported only when one of them runs: `kbs run` and the
servers never load it, and its own packages (pyproject.toml's `measure` extra) may be
missing where the assistant only runs.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import click

from kbs.cli.output import FORMAT, GateMissed, echo_json, progress
from kbs.ops import settings

# Before every missed target made these commands exit with 1, only --strict did.
STRICT = click.option("--strict", is_flag=True, hidden=True,
                      help="No longer needed: a missed target always exits with 1.")


@click.command("pipelines")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Folds of the cross-validation.")
@click.option("--cv/--skip-cv", "cross_validation", default=False, show_default=True,
              help="Also cross-validate both pipelines on the training data (2 x --folds "
                   "trainings: half an hour or more on 2 cores; the held-out test alone "
                   "takes a few minutes).")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Evaluate this candidate pipeline instead of config.yml.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the reports go (default results/eval).")
@click.option("--history", "history_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The results history to add to (results/history.jsonl).")
@STRICT
@FORMAT
def pipelines(folds: int, cross_validation: bool, config: Path | None, out: Path | None,
              history_file: Path | None, strict: bool, output_format: str) -> None:
    """NLU quality of config.yml against the `rasa init` baseline, in one run.

    Trains config.yml and the baseline (tests/eval/baseline-config.yml) here, NLU only,
    on the same data, each from an empty Rasa cache, and reports each cold training time
    beside its F1. Scores both on the held-out examples in tests/nlu/,
    tests/eval/held_out/ and the Look up questions of tests/knowledge/heldout_questions.yml,
    and with --cv by cross-validation of the training data: F1 per intent, macro-F1,
    entity F1, the knowledge search's top-1 card (Look up's answer) and the most confused
    pairs. Prints each figure beside its target (with --format json, the report's JSON,
    and the progress on standard error); writes results/eval/eval-<time>.md and .json and
    adds a line to results/history.jsonl. Exits with 1 when a target is missed.
    """
    evaluation = _harness("evaluation", "eval pipelines")
    options = evaluation.EvalOptions(folds=folds, cross_validation=cross_validation,
                                     config=config)
    if out:
        options.out = out
    if history_file:
        options.history_file = history_file
    what = "held-out test" + (f" and {folds}-fold cross-validation" if cross_validation else "")
    say = progress(output_format)
    say(f"NLU evaluation: {what} of {config or 'config.yml'} and the baseline.")
    _measure_and_report(evaluation, options, _harness("runner", "eval pipelines").StepFailed,
                        output_format)


def _levels(_ctx, _param, value: str) -> tuple[int, ...]:
    try:
        levels = tuple(sorted({int(part) for part in value.split(",") if part.strip()}))
    except ValueError:
        levels = ()
    if not levels or min(levels) < 1:
        raise click.BadParameter("give whole numbers of practitioners, e.g. 1,5,20,50")
    return levels


@click.command("bench")
@click.option("--practitioners", type=click.IntRange(1, 200), default=20, show_default=True,
              help="Practitioners at once in the main phase (and without pauses).")
@click.option("--levels", default="1,5,20,50", show_default=True, callback=_levels,
              help="Numbers of practitioners for latency against concurrency.")
@click.option("--pause", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds each practitioner waits after a reply before the next turn.")
@click.option("--turns", type=click.IntRange(1), default=None,
              help="At most this many turns of each script (default: all).")
@click.option("--no-training", is_flag=True,
              help="Skip the training times; serve the model `kbs train` made.")
@click.option("--no-saturation", is_flag=True, help="Skip the phase without pauses.")
@click.option("--quick", is_flag=True,
              help="A short run: levels 1 and --practitioners only, 10 parses for the floor.")
@click.option("--floor-samples", type=click.IntRange(1), default=100, show_default=True,
              help="/model/parse requests for the floor.")
@click.option("--request-timeout", type=click.FloatRange(1), default=30.0, show_default=True,
              help="Seconds before any one request counts as an error.")
@click.option("--deadline", type=click.FloatRange(60), default=None,
              help="Seconds after which the bench stops itself [default: 3600, 900 --quick].")
@click.option("--web-threads", type=click.IntRange(1, settings.MOST_WEB_THREADS), default=None,
              help="Threads of the web app [default: KBS_WEB_THREADS, else "
                   f"{settings.DEFAULT_WEB_THREADS}, as kbs run].")
@click.option("--scripts", "scripts_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder of conversation scripts (tests/bench/conversations).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the reports go (default results/bench).")
@click.option("--history", "history_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The results history to add to (results/history.jsonl).")
@STRICT
@FORMAT
def bench_command(practitioners: int, levels: tuple[int, ...], pause: float, turns: int | None,
                  no_training: bool, no_saturation: bool, quick: bool, floor_samples: int,
                  request_timeout: float, deadline: float | None, web_threads: int | None,
                  scripts_dir: Path | None, out: Path | None, history_file: Path | None,
                  strict: bool, output_format: str) -> None:
    """Speed of the real assistant under simulated practitioners, beside the parse floor.

    Measures training (cold, with an empty Rasa cache, and cached retrains), then starts
    the action server, Rasa and the web app on free loopback ports with a scratch
    database and tracker store, signs in one account per practitioner and has each hold a
    scripted conversation (tests/bench/conversations/*.yml) through the web app, at each
    level of --levels with --pause between turns, then --practitioners without pauses.
    Prints p50/p95/max latency, turns per second, errors, memory, start-up and training
    times beside their targets; writes results/bench/bench-<time>.md, .json and .png and
    adds a line to results/history.jsonl (with --format json, prints the report's JSON,
    and the progress on standard error). Always stops the servers, and stops itself at
    --deadline even if a server hangs. Exits with 1 when a target is missed.
    """
    bench = _harness("bench", "bench")
    if web_threads is None:
        try:
            web_threads = settings.web_threads()
        except settings.SettingsError as err:
            raise click.ClickException(str(err)) from err
    options = bench.BenchOptions(
        practitioners=practitioners, levels=levels, pause=pause, turns=turns,
        training=not no_training, saturation=not no_saturation, quick=quick,
        floor_samples=floor_samples, request_timeout=request_timeout,
        deadline=deadline or (900.0 if quick else 3600.0), web_threads=web_threads)
    if scripts_dir:
        options.scripts_dir = scripts_dir
    if out:
        options.out = out
    if history_file:
        options.history_file = history_file
    progress(output_format)(
        f"Bench: {practitioners} practitioners, levels "
        f"{', '.join(map(str, options.phase_levels()))}, {pause:g} s pauses; stops by "
        f"itself after {options.deadline:.0f} s.")
    _measure_and_report(bench, options, bench.BenchError, output_format)


def _harness(module: str, command: str) -> ModuleType:
    """``kbs.measure.<module>``, or a one-line error when a package of the `measure` extra
    is not installed."""
    try:
        return importlib.import_module(f"kbs.measure.{module}")
    except ModuleNotFoundError as err:
        missing = (err.name or "").split(".")[0]
        if missing in ("", "kbs"):
            raise
        raise click.ClickException(
            f"`kbs {command}` needs the packages of the `measure` extra (pyproject.toml) and "
            f"{missing} is not installed: `make install` installs them, or pip install "
            f"'keeping-babies-safe[measure]'") from err


def _measure_and_report(measure, options, failure: type[Exception], output_format: str) -> None:
    """Runs ``measure`` (the evaluation or the bench module), prints its summary (or its
    data as JSON), and exits with 1 when a target is missed."""
    say = progress(output_format)
    try:
        data = measure.run(options, say=say)
    except failure as err:
        raise click.ClickException(str(err)) from err
    if output_format == "json":
        echo_json(data)
    else:
        click.echo("")
        click.echo(measure.summary(data))
    missed = [c for c in data["checks"] if c["verdict"] == "MISSED"]
    if missed:
        raise GateMissed(f"{len(missed)} target(s) missed")
