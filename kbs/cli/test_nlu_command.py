"""`kbs test-nlu`: the held-out NLU test data, scored per intent against the macro-F1 target."""

from __future__ import annotations

import click

from kbs.cli.rasa_commands import _run
from kbs.ops import nlu_report, rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for
from kbs.paths import ROOT


@click.command("test-nlu")
@click.option("--target", type=float, default=nlu_report.TARGET_MACRO_F1, show_default=True,
              help="The macro-F1 the intents must reach.")
def test_nlu(target: float) -> None:
    """Score the current model on the held-out examples in tests/nlu (never trained on).

    Prints precision, recall and F1 for each intent the test files hold, and their
    macro-F1 (the plain mean of those F1s); fails when it is below the target. The full
    Rasa report and the misclassified examples are in results/nlu.
    """
    model = model_for(fingerprint(), settings.models_dir())
    if not model.exists():
        raise click.ClickException("no model for the current data; run `kbs train` first")
    out = ROOT / "results" / "nlu"
    _run(rasa_project.test_nlu_command(model, out), "NLU test")
    scores = nlu_report.intent_scores(out / "intent_report.json")
    click.echo(nlu_report.report_table(scores))
    macro = nlu_report.macro_f1(scores)
    verdict = "reaches" if macro >= target else "misses"
    click.echo(f"macro-F1 {macro:.3f} over {len(scores)} intents {verdict} the target {target:.2f}")
    if macro < target:
        raise click.ClickException(f"macro-F1 {macro:.3f} is below {target:.2f}; "
                                   f"see results/nlu/intent_errors.json")
