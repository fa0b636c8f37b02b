"""`kbs`: the Keeping Babies Safe assistant's command line."""

import click

from kbs.cli.knowledge_commands import ask, knowledge_eval
from kbs.cli.measure_commands import bench_command, eval_command
from kbs.cli.nlp_commands import nlp
from kbs.cli.plan_command import plan
from kbs.cli.profile_commands import compare, score
from kbs.cli.rasa_commands import test_stories, train, validate
from kbs.cli.rehearsal_commands import rehearsals
from kbs.cli.run_command import run
from kbs.cli.saved_profile_commands import profile
from kbs.cli.status_command import status
from kbs.cli.test_nlu_command import test_nlu
from kbs.cli.users_commands import users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Keeping Babies Safe assistant: set up, run and check the assistant.

    Start with `kbs run` (after `make run` has installed and trained once).
    """


main.add_command(nlp)
main.add_command(train)
main.add_command(validate)
main.add_command(test_stories)
main.add_command(run)
main.add_command(status)
main.add_command(score)
main.add_command(compare)
main.add_command(profile)
main.add_command(users)
main.add_command(test_nlu)
main.add_command(rehearsals)
main.add_command(plan)
main.add_command(ask)
main.add_command(knowledge_eval)
main.add_command(eval_command)
main.add_command(bench_command)
