"""The action server (kbs/ops/action_server): it builds the knowledge base before it
listens, takes calls from the Rasa server alone, and never hands a conversation back."""

import asyncio
import logging
import sys

import pytest

from kbs.ops import action_server, rasa_project
from kbs.ops.server_auth import ACTION_TOKEN_HEADER

TOKEN = "the-rasa-servers-token"


def test_the_action_server_runs_through_the_warm_up():
    argv = rasa_project.action_server_command(5055)
    assert argv[1:3] == ["-m", "kbs.ops.action_server"]
    assert argv[3:] == ["--actions", "actions", "--port", "5055"]


def test_the_knowledge_base_is_built_before_rasa_sdk_starts(monkeypatch):
    import rasa_sdk.__main__
    import rasa_sdk.endpoint

    calls = []
    monkeypatch.setenv("KBS_ACTION_TOKEN", TOKEN)
    monkeypatch.setattr(rasa_sdk.endpoint, "create_app", rasa_sdk.endpoint.create_app)
    monkeypatch.setattr(action_server, "warm_up", lambda: calls.append("knowledge base"))
    monkeypatch.setattr(rasa_sdk.__main__, "main", lambda: calls.append("rasa_sdk"))
    monkeypatch.setattr(sys, "argv", ["action_server.py", "--port", "5055"])
    action_server.main()
    assert calls == ["knowledge base", "rasa_sdk"]


def test_without_a_token_the_action_server_does_not_start(monkeypatch, capsys):
    monkeypatch.delenv("KBS_ACTION_TOKEN", raising=False)
    monkeypatch.setattr(action_server, "warm_up", lambda: pytest.fail("started"))
    with pytest.raises(SystemExit) as exited:
        action_server.main()
    assert exited.value.code == 1
    assert "KBS_ACTION_TOKEN is not set" in capsys.readouterr().err


def test_warm_up_builds_the_cached_knowledge_base():
    from kbs.knowledge.answer import default_knowledge_base

    action_server.warm_up()
    assert default_knowledge_base.cache_info().currsize == 1


class Request:
    """What the guard reads of a Sanic request."""

    def __init__(self, path="/webhook", method="POST", headers=None):
        self.path, self.method, self.headers = path, method, headers or {}


@pytest.fixture(scope="module")
def app():
    from rasa_sdk.endpoint import create_app
    from sanic import Sanic

    Sanic.test_mode = True  # several apps of one name in a process
    return action_server.secured(create_app, TOKEN)("actions")


def checked(app, request):
    """The guard's answer to ``request``: None lets it through."""
    (middleware,) = app.request_middleware
    return asyncio.run(middleware(request))


@pytest.mark.parametrize("headers", [{}, {ACTION_TOKEN_HEADER: "wrong"},
                                     {ACTION_TOKEN_HEADER: ""}, {"token": TOKEN}])
@pytest.mark.parametrize("path", ["/webhook", "/actions"])
def test_a_call_without_the_rasa_servers_token_is_refused(app, headers, path):
    refused = checked(app, Request(path, "POST" if path == "/webhook" else "GET", headers))
    assert refused is not None and refused.status == 401


def test_the_rasa_servers_call_and_the_health_check_are_let_through(app):
    assert checked(app, Request(headers={ACTION_TOKEN_HEADER: TOKEN})) is None
    assert checked(app, Request("/health", "GET")) is None
    assert checked(app, Request("/health", "POST")).status == 401


def test_a_failed_call_is_answered_and_logged_without_the_conversation(app, caplog):
    """rasa_sdk answered a failure with the request's body (the whole tracker), which the
    Rasa server then wrote to its log (issue 19)."""
    said = "the words of a practitioner-9e2c"
    handler = app.error_handler.lookup(KeyError(said), None)
    with caplog.at_level(logging.ERROR):
        answer = asyncio.run(handler(Request(), KeyError(said)))
    assert answer.status == 500
    assert b"9e2c" not in answer.body and b"request_body" not in answer.body
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "KeyError" in logged and "9e2c" not in logged


def test_a_call_sanic_refuses_keeps_its_status(app):
    from sanic.exceptions import NotFound

    handler = app.error_handler.lookup(NotFound("/nowhere"), None)
    assert asyncio.run(handler(Request(), NotFound("/nowhere"))).status == 404
