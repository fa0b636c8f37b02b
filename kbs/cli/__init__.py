"""`kbs`: the Keeping Babies Safe assistant's command line.

Exit codes, for every command: 0 when it did its work and every gate it checks was met; 1
when a gate was missed or it could not do its work; 2 for a mistake in the command line
(kbs.cli.output; README, "The kbs command").
"""

import os

import click

from kbs.cli.eval_commands import eval_group, test_nlu
from kbs.cli.knowledge_commands import ask, knowledge_eval
from kbs.cli.measure_commands import bench_command
from kbs.cli.nlp_commands import nlp
from kbs.cli.output import FORMAT, echo_json, renamed
from kbs.cli.plan_command import plan
from kbs.cli.profile_commands import compare, score
from kbs.cli.rasa_commands import test_stories, train, validate
from kbs.cli.rehearsal_commands import rehearsals
from kbs.cli.retention_commands import case, retention
from kbs.cli.run_command import run
from kbs.cli.saved_profile_commands import profile
from kbs.cli.status_command import status
from kbs.cli.users_commands import users


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from kbs.ops.versions import version_text, versions

    click.echo(version_text(versions()), nl=False)
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="The package version, the trained model and the catalogue version.")
def main() -> None:
    """Keeping Babies Safe assistant: set up, run and check the assistant.

    Start with `kbs run` (after `make run` has installed and trained once). Every command
    exits with 0 when it did its work and met every gate it checks, 1 when it missed a
    gate or could not do its work, and 2 for a mistake in the command line.
    """
    # Whatever a command makes (databases, logs, keys under var/) is its user's alone.
    from kbs.ops.launcher import PRIVATE_UMASK

    os.umask(PRIVATE_UMASK)


@main.command("version")
@FORMAT
def version(output_format: str) -> None:
    """What `kbs --version` prints: the package version, the trained model (its name holds
    the training data's fingerprint) and the catalogue version that scores profiles."""
    from kbs.ops.versions import version_text, versions

    found = versions()
    if output_format == "json":
        echo_json(found)
    else:
        click.echo(version_text(found), nl=False)


main.add_command(nlp)
main.add_command(train)
main.add_command(validate)
main.add_command(run)
main.add_command(status)
main.add_command(score)
main.add_command(compare)
main.add_command(profile)
main.add_command(users)
main.add_command(rehearsals)
main.add_command(plan)
main.add_command(case)
main.add_command(retention)
main.add_command(ask)
main.add_command(eval_group)
main.add_command(bench_command)
# The old names, hidden, for one release.
main.add_command(renamed(test_nlu, "test-nlu", "eval nlu"))
main.add_command(renamed(test_stories, "test-stories", "eval stories"))
main.add_command(renamed(knowledge_eval, "knowledge-eval", "eval knowledge"))
