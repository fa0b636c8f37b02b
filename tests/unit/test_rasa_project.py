"""The Rasa command lines."""

from pathlib import Path

from kbs.ops.rasa_project import server_command


def test_the_rasa_servers_command_line_holds_no_token():
    """A command line is seen by every user of the machine (`ps`): the token of Rasa's API
    comes from the environment instead (kbs/ops/rasa_server.py: secure)."""
    argv = server_command(Path("model.tar.gz"), 5005, Path("endpoints.yml"))
    assert not any("token" in argument for argument in argv)
    assert "--enable-api" in argv
