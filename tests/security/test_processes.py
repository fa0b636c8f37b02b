"""Issue 19's findings about the three processes, against the real ones (`kbs run`, and the
web app alone through the one launcher): who may call the Rasa server and the action
server, where the tokens are (never on a command line, in a URL or a log), the modes of
what is written under var/, `/intent{...}` typed in the chat, and the crash path of an
action, which handed the whole conversation to the Rasa server's log.

Each test failed on the code before the issue. The module starts `kbs run` once; the last
test reads every log the run wrote, after the others made their calls.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from kbs.ops.server_auth import ACTION_TOKEN_HEADER, RASA_TOKEN_HEADER, SENDER_HEADER
from kbs.rehearsal.personas import personas
from tests.integration.conftest import start_assistant, stop_assistant
from tests.integration.servers import Servers
from tests.unit.actions.harness import tracker

pytestmark = pytest.mark.integration

RASA_TOKEN = "rasa-token-of-the-security-tests-6f0b"
ACTION_TOKEN = "action-token-of-the-security-tests-a7e5"
SAID = "the words of a practitioner-8d3f"  # never in a log
VICTIM = "hv.victim~c0nversation"


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    var = tmp_path_factory.mktemp("security") / "var"
    var.mkdir(mode=0o700)
    assistant = start_assistant(var, KBS_LOG_DIR=str(var / "log"),
                                KBS_RASA_TOKEN=RASA_TOKEN, KBS_ACTION_TOKEN=ACTION_TOKEN)
    assistant.var = var
    yield assistant
    stop_assistant(assistant)


def rasa_url(assistant) -> str:
    return f"http://127.0.0.1:{assistant.env['KBS_RASA_PORT']}"


def action_url(assistant) -> str:
    return f"http://127.0.0.1:{assistant.env['KBS_ACTION_PORT']}"


def user_texts(assistant, conversation: str) -> list[str]:
    """What the tracker holds of the practitioner's side of ``conversation``."""
    response = requests.get(f"{rasa_url(assistant)}/conversations/{quote(conversation)}/tracker",
                            headers={RASA_TOKEN_HEADER: RASA_TOKEN}, timeout=30)
    response.raise_for_status()
    return [e["text"] for e in response.json()["events"] if e["event"] == "user"]


def text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages)


@pytest.mark.parametrize(("path", "body", "headers"), [
    # Rasa's REST channel: the conversation came from the body, from anyone on the machine.
    ("/webhooks/rest/webhook", {"sender": VICTIM, "message": SAID}, {}),
    ("/webhooks/kbs/webhook", {"sender": VICTIM, "message": SAID}, {}),
    ("/webhooks/kbs/webhook", {"message": SAID}, {SENDER_HEADER: VICTIM}),
    ("/webhooks/kbs/webhook", {"message": SAID},
     {SENDER_HEADER: VICTIM, RASA_TOKEN_HEADER: "a guess"}),
    (f"/conversations/{quote(VICTIM)}/messages?token={RASA_TOKEN}",
     {"text": SAID, "sender": "user"}, {}),  # the token in the URL is never read
], ids=["rest channel", "no token", "sender header, no token", "wrong token",
        "API, token in the URL"])
def test_the_rasa_server_takes_no_message_without_the_web_apps_token(running, path, body,
                                                                    headers):
    response = requests.post(f"{rasa_url(running)}{path}", json=body, headers=headers,
                             timeout=60)
    assert response.status_code in (401, 404), response.text
    assert user_texts(running, VICTIM) == []


def test_the_rasa_servers_api_wants_its_token_in_a_header(running):
    status = f"{rasa_url(running)}/status"
    assert requests.get(f"{status}?token={RASA_TOKEN}", timeout=30).status_code == 401
    assert requests.get(status, headers={RASA_TOKEN_HEADER: RASA_TOKEN},
                        timeout=30).status_code == 200


def action_call(action: str = "action_ask_rehearsal_persona") -> dict:
    said = {"text": SAID, "intent": {"name": "start_rehearse"}, "entities": []}
    return {"next_action": action, "sender_id": VICTIM, "version": "3.6.2",
            "tracker": tracker({}, said, sender=VICTIM), "domain": {}}


@pytest.mark.parametrize("headers", [{}, {ACTION_TOKEN_HEADER: "a guess"},
                                     {ACTION_TOKEN_HEADER: RASA_TOKEN}])
def test_the_action_server_runs_no_action_without_the_rasa_servers_token(running, headers):
    response = requests.post(f"{action_url(running)}/webhook", json=action_call(),
                             headers=headers, timeout=60)
    assert response.status_code == 401
    assert requests.get(f"{action_url(running)}/actions", headers=headers,
                        timeout=30).status_code == 401


def test_the_action_server_runs_the_rasa_servers_calls(running):
    response = requests.post(f"{action_url(running)}/webhook", json=action_call(),
                             headers={ACTION_TOKEN_HEADER: ACTION_TOKEN}, timeout=60)
    assert response.status_code == 200
    assert response.json()["responses"][0]["buttons"]  # a button for every persona


def test_a_failed_action_call_hands_no_conversation_back(running):
    """rasa_sdk answered a failure with the request's body, the whole tracker, which the
    Rasa server wrote to its log."""
    call = action_call()
    del call["tracker"]["sender_id"]  # fails before any action runs
    response = requests.post(f"{action_url(running)}/webhook", json=call,
                             headers={ACTION_TOKEN_HEADER: ACTION_TOKEN}, timeout=60)
    assert response.status_code == 500
    assert "8d3f" not in response.text and "request_body" not in response.text


def test_no_token_is_on_a_command_line(running):
    for process in [*running.processes()]:
        command_line = " ".join(process.cmdline())
        assert RASA_TOKEN not in command_line and ACTION_TOKEN not in command_line, \
            process.name()


def test_a_typed_intent_cannot_force_an_intent_or_an_entity(running):
    chat = running.session("hv.typed")
    menu = chat.say("hello")
    assert "/start_rehearse" in [b["payload"] for m in menu for b in m["buttons"]]
    briefing = f"I will play {personas()['family_celebration'].name}"
    reply = chat.say('/start_rehearse{"persona": "family_celebration"}')  # not offered
    assert briefing not in text(reply)
    conversation = next(iter(running_conversations(running, "hv.typed")))
    assert not any(said.startswith("/") for said in user_texts(running, conversation))

    # The buttons shown still work: the menu's, then a persona's.
    offered = chat.say("/start_rehearse")
    payloads = [b["payload"] for m in offered for b in m["buttons"]]
    assert '/start_rehearse{"persona": "family_celebration"}' in payloads, text(offered)
    assert briefing in text(chat.say('/start_rehearse{"persona": "family_celebration"}'))


def running_conversations(assistant, username: str) -> set[str]:
    """The conversations of ``username`` in the tracker store (the session's is random):
    their sender ids begin with the account's id, never the username (issue 19)."""
    import sqlite3

    with sqlite3.connect(assistant.var / "kbs.db") as connection:
        (account_id,) = connection.execute(
            "SELECT account_id FROM users WHERE username = ?", (username,)).fetchone()
    with sqlite3.connect(assistant.var / "tracker.db") as connection:
        return {row[0] for row in connection.execute(
            "SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE ?",
            (f"{account_id}~%",))}


def test_a_payload_that_crashed_an_action_reaches_no_log(running):
    """`/start_rehearse{"persona": {"x": 1}}` crashed the persona's validation, and the
    Rasa server then logged the whole conversation."""
    chat = running.session("hv.crash")
    chat.say(SAID)
    chat.say("/start_rehearse")
    reply = chat.say('/start_rehearse{"persona": {"x": 1}}')
    time.sleep(2)  # what the servers wrote reaches their logs
    logs = {path.name: path.read_text(encoding="utf-8", errors="replace")
            for path in (running.var / "log").glob("*.log")}
    assert {name for name, log in logs.items() if "8d3f" in log} == set()
    assert reply  # answered, as any words are (the crashed action said nothing)


def test_everything_under_var_is_readable_by_its_user_alone(running):
    running.session("hv.modes").say("hello")
    found = {path: stat.S_IMODE(path.stat().st_mode) for path in running.var.rglob("*")}
    assert Path(running.var / "kbs.db") in found and Path(running.var / "tracker.db") in found
    assert (running.var / "log" / "web.log") in found
    wrong = {str(path.relative_to(running.var)): oct(mode) for path, mode in found.items()
             if mode != (0o700 if path.is_dir() else 0o600)}
    assert wrong == {}


def test_a_failing_history_call_leaves_no_token_in_the_web_apps_log(tmp_path):
    """The history call put the token in its URL, which requests quoted in the error the
    web app logged (var/log/web.log) when the Rasa server did not answer."""
    servers = Servers(tmp_path)
    try:
        servers.start("web")  # the Rasa server is not running
        chat = servers.session("hv.history")
        sent = chat.http.post(f"{servers.url}/api/chat", json={"message": SAID}, timeout=30)
        assert sent.status_code == 503
        history = chat.http.get(f"{servers.url}/api/chat/history", timeout=30)
        assert history.status_code == 503
    finally:
        servers.stop()
    log = servers.launcher.log("web").read_text(encoding="utf-8")
    assert "Rasa did not answer" in log
    assert servers.config.token not in log and "8d3f" not in log
    assert "hv.history~" not in log  # nor the conversation's id


def test_no_log_of_the_run_holds_a_token_or_what_was_said(running):
    """Last: after every call above (history read, messages sent, actions failed)."""
    chat = running.session("hv.history")
    chat.say(SAID)
    assert chat.http.get(f"{running.url}/api/chat/history", timeout=30).ok
    logs = {path.name: path.read_text(encoding="utf-8", errors="replace")
            for path in (running.var / "log").glob("*.log*")}
    assert set(logs) >= {"web.log", "rasa.log", "action-server.log"}
    for secret in (RASA_TOKEN, ACTION_TOKEN, "8d3f"):
        assert {name for name, log in logs.items() if secret in log} == set(), secret
