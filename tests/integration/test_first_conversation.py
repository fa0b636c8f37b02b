"""A first conversation through the three real processes, then a clean Ctrl-C."""

import pytest
import requests

from tests.integration.conftest import start_assistant, stop_assistant

pytestmark = pytest.mark.integration

MODES = ["/start_assess", "/start_discuss", "/start_rehearse", "/start_lookup"]


def payloads(messages):
    return [b["payload"] for m in messages for b in m["buttons"]]


def text(messages):
    return " ".join(m["text"] for m in messages)


def test_hello_gets_the_menu_of_four_modes(assistant):
    reply = assistant.session().say("hello")
    assert payloads(reply) == MODES


def test_help_describes_the_modes(assistant):
    reply = assistant.session().say("what can you do?")
    for mode in ("Assess", "Discuss", "Rehearse", "Look up"):
        assert mode in text(reply)


def test_out_of_scope_gets_a_polite_answer_and_the_menu(assistant):
    reply = assistant.session().say("what's the weather going to be like tomorrow?")
    assert "outside what I can help with" in text(reply)
    assert payloads(reply) == MODES


def test_rasa_api_needs_the_token(assistant):
    rasa_port = next(c.laddr.port for p in assistant.processes() if "rasa" in " ".join(p.cmdline())
                     and "run" in p.cmdline() for c in p.net_connections("inet")
                     if c.status == "LISTEN")
    response = requests.get(f"http://127.0.0.1:{rasa_port}/status", timeout=10)
    assert response.status_code == 401


def test_ctrl_c_leaves_no_process_behind(tmp_path):
    running = start_assistant(tmp_path)
    assert running.session().say("hi")
    assert (tmp_path / "tracker.db").stat().st_size > 0  # KBS_TRACKER_DB was used
    children = running.processes()
    assert len(children) >= 3
    assert stop_assistant(running) == 0
    _, alive = __import__("psutil").wait_procs(children, timeout=10)
    assert not alive, f"left behind: {[p.pid for p in alive]}"
