"""`kbs` as a user meets it: help for every command, one-line errors instead of tracebacks."""

import os
import socket
import subprocess

import pytest

from kbs.ops.ports import free_port


def run_kbs(kbs, *args, env=None, timeout=60):
    return subprocess.run([kbs, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_help_documents_every_command(kbs):
    result = run_kbs(kbs, "--help")
    assert result.returncode == 0
    for command in ("run", "train", "validate", "eval", "nlp", "users", "rehearsals", "score",
                    "compare", "profile", "version"):
        assert command in result.stdout
        sub = run_kbs(kbs, command, "--help")
        assert sub.returncode == 0 and "Usage:" in sub.stdout


def test_run_with_a_port_in_use_explains_in_one_line(kbs):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_kbs(kbs, "run", env={"KBS_RASA_PORT": str(port),
                                          "KBS_FLASK_PORT": str(free_port()),
                                          "KBS_ACTION_PORT": str(free_port())})
    assert result.returncode != 0
    assert result.stderr.strip() == (f"Error: port {port} is already in use; stop what is "
                                     "using it or set KBS_RASA_PORT")


def test_run_without_a_model_explains_in_one_line(kbs, tmp_path):
    result = run_kbs(kbs, "run", env={"KBS_MODELS_DIR": str(tmp_path),
                                      "KBS_FLASK_PORT": str(free_port()),
                                      "KBS_RASA_PORT": str(free_port()),
                                      "KBS_ACTION_PORT": str(free_port())})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == ("Error: no trained model; run `kbs train` first "
                                     "(or `make run`)")


@pytest.mark.parametrize("value", ["abc", "70000", "0"])
def test_run_with_a_bad_port_setting_names_the_variable(kbs, value):
    result = run_kbs(kbs, "run", env={"KBS_ACTION_PORT": value})
    assert result.returncode != 0
    assert "KBS_ACTION_PORT" in result.stderr and "Traceback" not in result.stderr
