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


def test_what_a_kbs_command_makes_is_readable_by_its_user_alone(kbs, tmp_path):
    """Issue 19: umask 077 for every command (here `kbs users add` making the database),
    whatever the shell's umask."""
    import stat

    database = tmp_path / "var" / "kbs.db"
    database.parent.mkdir()
    result = subprocess.run(
        [kbs, "users", "add", "hv.modes", "--password-stdin"], input="a long password 1\n",
        capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0o022),
        env={**os.environ, "KBS_DATABASE_URL": f"sqlite:///{database}"})
    assert result.returncode == 0, result.stderr
    made = [path for path in database.parent.iterdir()]
    assert made and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in made), \
        {path.name: oct(path.stat().st_mode) for path in made}


@pytest.mark.parametrize("value", ["abc", "70000", "0"])
def test_run_with_a_bad_port_setting_names_the_variable(kbs, value):
    result = run_kbs(kbs, "run", env={"KBS_ACTION_PORT": value})
    assert result.returncode != 0
    assert "KBS_ACTION_PORT" in result.stderr and "Traceback" not in result.stderr
