"""The Rasa command lines."""

from pathlib import Path

from kbs.ops.rasa_project import server_command


def test_a_token_starting_with_a_dash_is_not_taken_for_an_option():
    argv = server_command(Path("model.tar.gz"), 5005, "-abc", Path("endpoints.yml"))
    assert "--auth-token=-abc" in argv and "-abc" not in argv
