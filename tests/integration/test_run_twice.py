"""Two `kbs run` in a row on the same ports (issue 21): the second starts at once after the
first served requests and was stopped (connections left in TIME-WAIT do not make the port
check refuse), and the logs keep both runs, with one line per web request and no
message text or token in the web app's."""

import re
import socket

import pytest

from kbs.ops.ports import free_port
from tests.integration.conftest import start_assistant, stop_assistant

pytestmark = pytest.mark.integration

SERVERS = ("action-server", "rasa", "web")
SAID = "hello, the words of a message-7c1e"
TOKEN = "rasa-token-for-the-log-test-5d2a"


def refused_without_reuse(port: int) -> bool:
    """Whether a plain bind (no SO_REUSEADDR: the check `kbs run` had) is refused."""
    with socket.socket() as plain:
        try:
            plain.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def serve_a_few_requests(assistant, username: str) -> None:
    chat = assistant.session(username)
    chat.say(SAID)
    chat.say("what is ICON?")  # a Look up question: the action server answers it


def test_two_runs_in_a_row_start_at_once_and_keep_both_runs_logs(tmp_path):
    ports = {variable: str(free_port())
             for variable in ("KBS_FLASK_PORT", "KBS_RASA_PORT", "KBS_ACTION_PORT")}
    logs = tmp_path / "logs"
    env = {**ports, "KBS_LOG_DIR": str(logs), "KBS_RASA_TOKEN": TOKEN}

    first = start_assistant(tmp_path, **env)
    try:
        assert f"Logs: {logs.resolve()}/ (action-server.log, rasa.log, web.log" in \
            "".join(first.output)
        serve_a_few_requests(first, "hv.logs")
    finally:
        assert stop_assistant(first) == 0
    # The stopped servers closed their connections first: some are in TIME-WAIT, which is
    # what made the old check refuse ("port ... is already in use") for about a minute.
    assert any(refused_without_reuse(int(port)) for port in ports.values())

    second = start_assistant(tmp_path, **env)  # at once, on the same ports
    try:
        second.users.add("hv.logs")  # made by the first run, in the same database
        serve_a_few_requests(second, "hv.logs")
    finally:
        assert stop_assistant(second) == 0
    output = "".join(second.output)
    assert "already in use" not in output and "is ready" in output

    for name in SERVERS:
        text = (logs / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        assert len(re.findall(rf"^----- \S+ kbs: {name} started \(pid \d+\) -----$", text,
                              re.MULTILINE)) == 2, name
    web = (logs / "web.log").read_text(encoding="utf-8")
    runs = re.split(r"^----- .* kbs: web started .*$", web, flags=re.MULTILINE)[1:]
    assert len(runs) == 2
    for run in runs:
        assert re.search(r"request POST /sign-in 302 \d+ ms$", run, re.MULTILINE), run
        assert len(re.findall(r"request POST /api/chat 200 \d+ ms$", run, re.MULTILINE)) == 2
    assert "message-7c1e" not in web and TOKEN not in web
