"""`kbs eval`: every check of the assistant's quality against its target, under one name.

    kbs eval nlu         the held-out NLU examples, per intent, against the macro-F1 gate
    kbs eval stories     the test stories against the current model
    kbs eval knowledge   the knowledge search on held-out and unanswerable questions
    kbs eval pipelines   config.yml against the `rasa init` baseline (kbs.measure)

Each exits with 1 when a target is missed (README, "The kbs command"). `kbs eval` with
options and no subcommand is still the pipelines comparison, as before, for one release.
"""

from __future__ import annotations

import click

from kbs.cli.knowledge_commands import knowledge_eval
from kbs.cli.measure_commands import pipelines
from kbs.cli.output import FORMAT, GateMissed, echo_json
from kbs.cli.rasa_commands import current_model, run_rasa, test_stories
from kbs.ops import nlu_report, rasa_project
from kbs.paths import ROOT


class EvalGroup(click.Group):
    """`kbs eval [OPTIONS]` without a subcommand is `kbs eval pipelines [OPTIONS]`, as the
    single `kbs eval` command was, with a line on standard error (for one release)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        asks_for_help = bool(args) and args[0] in ctx.help_option_names
        if not asks_for_help and (not args or args[0].startswith("-")):
            click.echo("kbs: `kbs eval` without a subcommand is now `kbs eval pipelines`; "
                       "the old form will be removed in the next release.", err=True)
            args = ["pipelines", *args]
        return super().parse_args(ctx, args)


@click.group("eval", cls=EvalGroup)
def eval_group() -> None:
    """Quality against its targets: NLU, stories, knowledge search, pipelines.

    Each command exits with 1 when a target or gate is missed, and 0 when all are met.
    """


@eval_group.command("nlu")
@click.option("--target", type=float, default=nlu_report.TARGET_MACRO_F1, show_default=True,
              help="The macro-F1 the intents must reach.")
@FORMAT
def test_nlu(target: float, output_format: str) -> None:
    """Score the current model on the held-out examples in tests/nlu (never trained on).

    Prints precision, recall and F1 for each intent the test files hold, and their
    macro-F1 (the plain mean of those F1s); exits with 1 when it is below the target. The
    full Rasa report and the misclassified examples are in results/nlu.
    """
    model = current_model()
    out = ROOT / "results" / "nlu"
    run_rasa(rasa_project.test_nlu_command(model, out), "NLU test", output_format)
    scores = nlu_report.intent_scores(out / "intent_report.json")
    macro = nlu_report.macro_f1(scores)
    if output_format == "json":
        echo_json({"model": model.name, "intents": scores, "macro_f1": macro,
                   "target": target, "met": macro >= target,
                   "report": str(out.relative_to(ROOT))})
    else:
        click.echo(nlu_report.report_table(scores))
        verdict = "reaches" if macro >= target else "misses"
        click.echo(f"macro-F1 {macro:.3f} over {len(scores)} intents {verdict} the target "
                   f"{target:.2f}")
    if macro < target:
        raise GateMissed(f"macro-F1 {macro:.3f} is below {target:.2f}; "
                         f"see results/nlu/intent_errors.json")


eval_group.add_command(test_stories)
eval_group.add_command(knowledge_eval)
eval_group.add_command(pipelines)
