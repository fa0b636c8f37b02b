"""`kbs`: the Keeping Babies Safe assistant's command line."""

import click

from actions.cli.knowledge_commands import ask, knowledge_eval
from actions.cli.nlp_commands import nlp
from actions.cli.rasa_commands import test_stories, train, validate
from actions.cli.run_command import run


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
main.add_command(ask)
main.add_command(knowledge_eval)
